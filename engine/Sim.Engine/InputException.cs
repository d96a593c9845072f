namespace Sim.Engine;

/// <summary>
/// Bad input from the user (a sweep that does not parse, an ensemble folder that does not match):
/// the message says what is wrong and how to fix it, and is shown as it is, with no stack trace.
/// </summary>
public class InputException : Exception
{
    /// <summary>An error with a message for the user.</summary>
    public InputException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message for the user and the exception behind it.</summary>
    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An error with no message.</summary>
    public InputException()
    {
    }
}
