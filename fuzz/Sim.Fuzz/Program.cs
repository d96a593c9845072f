using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sim.Engine.Scenarios;

namespace Sim.Fuzz;

/// <summary>
/// <c>sim-fuzz</c>: fuzzes the scenario loader and the expression compiler.
/// <list type="bullet">
/// <item><c>mutate [--seed S] [--minutes M] [--inputs N] [--findings DIR] [--ticks T]</c>: the structure-aware mutator. A supervisor
/// runs the inputs in a worker process, so a stack overflow or a hang (no progress for <c>--timeout</c> seconds) is caught
/// like an exception; every finding is saved as a folder that <c>replay</c> and the regression test read.</item>
/// <item><c>generate --seed S --index I</c>: writes one input to a folder, as a finding would be saved.</item>
/// <item><c>profile --seed S --inputs N</c>: runs N inputs in this process and says where the time went (generating,
/// loading and running), with the slowest inputs: to find what holds the rate down.</item>
/// <item><c>replay DIR...</c>: checks saved inputs; exit code 1 if any still fails.</item>
/// <item><c>afl-loader</c>, <c>afl-expr</c>: SharpFuzz entry points for AFL++ (see docs/reliability.md).</item>
/// </list>
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var command = args.Length > 0 ? args[0] : "help";
        var options = Options(args.Skip(1));
        InputCheck.Ticks = (int)Math.Clamp(Get(options, "ticks", InputCheck.DefaultTicks), 0, 10_000);
        switch (command)
        {
            case "mutate":
                return Supervise(options);
            case "worker":
                return Work(options);
            case "generate":
                // Regenerates one input (inputs are a pure function of seed and index) into a finding folder.
                var index = Get(options, "index", 0);
                Save(options.GetValueOrDefault("findings", "fuzz-findings"), (ulong)Get(options, "seed", 1), index, Mutator(options).Generate(index), "input", "regenerated");
                return 0;
            case "profile":
                return Profile(options);
            case "replay":
                return Replay(args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)));
            case "afl-loader":
                SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    var files = new Dictionary<string, byte[]> { [FuzzInput.Root] = copy.ToArray() };
                    if (InputCheck.Check(new FuzzInput(files, [], "afl"), out _) is { } problem)
                    {
                        throw new InvalidOperationException(problem);
                    }
                });
                return 0;
            case "afl-expr":
                SharpFuzz.Fuzzer.OutOfProcess.Run(text => InputCheck.CheckExpression(text));
                return 0;
            default:
                Console.Error.WriteLine("usage: sim-fuzz mutate [--seed S] [--minutes M] [--inputs N] [--findings DIR] [--timeout SECONDS] [--ticks T]");
                Console.Error.WriteLine("       sim-fuzz generate --seed S --index I [--findings DIR]");
                Console.Error.WriteLine("       sim-fuzz replay FINDING_DIR...");
                Console.Error.WriteLine("       sim-fuzz afl-loader | afl-expr   (under afl-fuzz, after 'sharpfuzz' instrumented Sim.Engine.dll)");
                return 2;
        }
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var list = args.ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal))
            {
                result[list[i][2..]] = list[++i];
            }
        }

        return result;
    }

    private static long Get(Dictionary<string, string> o, string key, long fallback) =>
        o.TryGetValue(key, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The folder of shipped scenarios the mutator starts from: <c>--scenarios DIR</c>, else the repository's scenarios/.</summary>
    private static string ScenariosDir(Dictionary<string, string> o)
    {
        if (o.TryGetValue("scenarios", out var given))
        {
            return given;
        }

        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Sim.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? throw new InvalidOperationException("run sim-fuzz from inside the repository or pass --scenarios DIR"), "scenarios");
    }

    private static ScenarioMutator Mutator(Dictionary<string, string> o)
    {
        var seed = (ulong)Get(o, "seed", 1);
        var seeds = Directory.GetFiles(ScenariosDir(o), "scenario.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(Path.GetDirectoryName(f)!), File.ReadAllText(f)));
        return new ScenarioMutator(seeds, seed);
    }

    /// <summary>Runs inputs [from, to) and reports on stdout: <c>S i</c> before each, <c>F i message</c> for a finding, <c>D valid</c> at the end.</summary>
    private static int Work(Dictionary<string, string> o)
    {
        var mutator = Mutator(o);
        long from = Get(o, "from", 0), to = Get(o, "to", long.MaxValue), valid = 0;
        var deadline = Stopwatch.GetTimestamp() + (Get(o, "seconds", long.MaxValue / 2 / Stopwatch.Frequency) * Stopwatch.Frequency);
        var stdout = Console.Out;
        for (var i = from; i < to && Stopwatch.GetTimestamp() < deadline; i++)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"S {i}"));
            stdout.Flush();
            var input = mutator.Generate(i);
            if (InputCheck.Check(input, out var ok) is { } problem)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"F {i} {problem.ReplaceLineEndings(" ")}"));
            }

            valid += ok ? 1 : 0;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"D {valid}"));
        return 0;
    }

    private static int Profile(Dictionary<string, string> o)
    {
        var mutator = Mutator(o);
        long from = Get(o, "from", 0), count = Get(o, "inputs", 1000);
        double generate = 0, check = 0;
        var valid = 0;
        var slowest = new List<(double Seconds, long Index, string What)>();
        var total = Stopwatch.StartNew();
        for (var i = from; i < from + count; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var input = mutator.Generate(i);
            var t1 = Stopwatch.GetTimestamp();
            InputCheck.Check(input, out var ok);
            var t2 = Stopwatch.GetTimestamp();
            generate += (t1 - t0) / (double)Stopwatch.Frequency;
            check += (t2 - t1) / (double)Stopwatch.Frequency;
            valid += ok ? 1 : 0;
            slowest.Add(((t2 - t0) / (double)Stopwatch.Frequency, i, (ok ? "valid: " : "") + input.Description));
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{count} inputs in {total.Elapsed.TotalSeconds:0.0} s ({count / total.Elapsed.TotalSeconds:0} a second): generating {generate:0.0} s, checking {check:0.0} s; {valid} valid, run {InputCheck.Ticks} ticks"));
        foreach (var (seconds, index, what) in slowest.OrderByDescending(x => x.Seconds).Take((int)Get(o, "top", 15)))
        {
            Console.WriteLine(string.Create(inv, $"  {seconds * 1000,8:0} ms  input {index}: {(what.Length > 150 ? what[..150] : what)}"));
        }

        return 0;
    }

    private static int Supervise(Dictionary<string, string> o)
    {
        var seed = (ulong)Get(o, "seed", 1);
        var inputs = Get(o, "inputs", long.MaxValue);
        var minutes = Get(o, "minutes", inputs == long.MaxValue ? 10 : 100_000);
        var timeout = TimeSpan.FromSeconds(Get(o, "timeout", 60));
        var findings = o.GetValueOrDefault("findings", "fuzz-findings");
        Directory.CreateDirectory(findings);
        var mutator = Mutator(o);
        var clock = Stopwatch.StartNew();
        long next = 0, tried = 0, valid = 0, found = 0;
        while (next < inputs && clock.Elapsed.TotalMinutes < minutes)
        {
            var seconds = (long)Math.Max(1, (minutes * 60) - clock.Elapsed.TotalSeconds);
            var (last, done, validHere, problems, exit) = RunWorker(ScenariosDir(o), seed, next, inputs, seconds, timeout);
            foreach (var (index, message) in problems)
            {
                found++;
                Save(findings, seed, index, mutator.Generate(index), "failure", message);
            }

            valid += validHere;
            if (done)
            {
                tried += last < 0 ? 0 : last - next + 1;
                break;
            }

            if (last < next)
            {
                Console.Error.WriteLine($"sim-fuzz: the worker process failed before its first input: {exit}");
                return 2;
            }

            // The worker died or hung on input 'last': that input is a finding; carry on after it.
            found++;
            Save(findings, seed, last, mutator.Generate(last), exit is null ? "hang" : "crash",
                exit is null ? $"no result within {timeout.TotalSeconds} s" : $"the process died with exit code {exit}");
            tried += last - next + 1;
            next = last + 1;
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {tried} inputs in {clock.Elapsed.TotalMinutes:0.0} min, {valid} loaded as valid scenarios and ran {InputCheck.Ticks} checked ticks, {tried - valid} gave diagnostics; {found} findings");
        Console.WriteLine(summary);
        File.AppendAllText(Path.Combine(findings, "summary.txt"), summary + "\n");
        return found == 0 ? 0 : 1;
    }

    private static (long Last, bool Done, long Valid, List<(long, string)> Problems, string? Exit) RunWorker(string scenarios, ulong seed, long from, long to, long seconds, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            // Started as 'dotnet sim-fuzz.dll': the worker is started the same way.
            psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (var a in new[] { "worker", "--scenarios", scenarios, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--from", from.ToString(CultureInfo.InvariantCulture),
            "--to", to.ToString(CultureInfo.InvariantCulture), "--seconds", seconds.ToString(CultureInfo.InvariantCulture),
            "--ticks", InputCheck.Ticks.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        // A bounded heap turns a memory blow-up into a finding instead of a machine in swap.
        psi.Environment["DOTNET_GCHeapHardLimit"] = "0xC0000000";
        using var process = Process.Start(psi)!;
        var lines = new BlockingCollection<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lines.CompleteAdding();
            }
            else
            {
                lines.Add(e.Data);
            }
        };
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            // The first lines say what killed the worker (a stack overflow prints the exception, then frames).
            if (e.Data is not null && errors.Count < 4)
            {
                errors.Enqueue(e.Data.Trim());
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long last = -1, valid = 0;
        var problems = new List<(long, string)>();
        while (true)
        {
            if (!lines.TryTake(out var line, timeout))
            {
                if (lines.IsCompleted)
                {
                    process.WaitForExit();
                    return (last, false, valid, problems, string.Create(CultureInfo.InvariantCulture, $"{process.ExitCode}: {string.Join(" | ", errors)}"));
                }

                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (last, false, valid, problems, null);
            }

            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "S":
                    last = long.Parse(parts[1], CultureInfo.InvariantCulture);
                    if (last % 10_000 == 0 && last > 0)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {last} inputs"));
                    }

                    break;
                case "F":
                    problems.Add((long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]));
                    Console.WriteLine($"finding: input {parts[1]}: {parts[2]}");
                    break;
                case "D":
                    valid = long.Parse(parts[1], CultureInfo.InvariantCulture);
                    process.WaitForExit();
                    return (last, true, valid, problems, "0");
            }
        }
    }

    private static void Save(string findings, ulong seed, long index, FuzzInput input, string kind, string message)
    {
        var dir = Path.Combine(findings, string.Create(CultureInfo.InvariantCulture, $"{kind}-s{seed}-i{index}"));
        Directory.CreateDirectory(dir);
        foreach (var (name, bytes) in input.Files)
        {
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }

        File.WriteAllText(Path.Combine(dir, "set.txt"), string.Join('\n', input.Overrides));
        File.WriteAllText(Path.Combine(dir, "finding.txt"), $"{kind}: {message}\nmutations: {input.Description}\nreplay: sim-fuzz replay {dir}\n");
        Console.WriteLine($"{kind}: input {index} saved in {dir}: {message}");
    }

    private static int Replay(IEnumerable<string> dirs)
    {
        var failed = 0;
        foreach (var dir in dirs)
        {
            var files = Directory.GetFiles(dir, "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
            var set = Path.Combine(dir, "set.txt");
            var overrides = File.Exists(set) ? File.ReadAllLines(set, Encoding.UTF8).Where(l => l.Length > 0).ToArray() : [];
            var clock = Stopwatch.StartNew();
            var problem = InputCheck.Check(new FuzzInput(files, overrides, dir), out var valid);
            var result = ScenarioLoader.LoadFromMemory(FuzzInput.Root, files, overrides);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{dir}: {(problem is null ? "ok" : "FAILS: " + problem)} ({(valid ? "valid" : result.Diagnostics.Count + " diagnostics")}, {clock.ElapsedMilliseconds} ms)"));
            foreach (var d in result.Diagnostics.Take(3))
            {
                Console.WriteLine("  " + d);
            }

            failed += problem is null ? 0 : 1;
        }

        return failed == 0 ? 0 : 1;
    }
}
