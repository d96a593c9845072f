namespace Sim.Cli;

/// <summary>The process exit codes every <c>sim</c> command uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Something failed that is not the user's input (I/O, an engine fault).</summary>
    public const int Failure = 1;

    /// <summary>The input was wrong: a bad option, a bad scenario file, a bad override.</summary>
    public const int BadInput = 2;
}

/// <summary>An error in what the user gave us; its message is shown as is, with exit code 2.</summary>
internal sealed class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException()
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
