using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Sim.Abm.HandWritten;
using Sim.Abm.Models;

namespace Sim.Abm;

/// <summary>
/// Runs the field's standard models the way the ABM frameworks comparison measures them: per
/// model and size, the median wall time of 100 runs with reproducibly drawn seeds, model
/// creation included, after warm-up runs; plus each model's lines of code.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release</c> prints the table; <c>-- --runs N</c> changes the run count, <c>-- --model NAME</c> runs one model;
/// <c>-- --size SIZE</c> runs one size; <c>-- --cpu</c> prints, per case, one line of medians in CPU time of the running thread
/// (whole run and wall time beside it) and the process's CPU time per run, for the side-by-side comparison with MASON
/// (<c>benchmarks/abm-side-by-side.sh</c>);
/// <c>-- --versus-ecs</c> prints, for the models also written over Sim.Ecs alone (<c>HandWritten/</c>), the kit
/// version's median CPU time beside the hand-written loop's, interleaved three times;
/// <c>-- --series civil-violence --seed S</c> prints the civil violence model's state counts per step as CSV.
/// </remarks>
internal static class Program
{
    private static readonly (string Name, string Size, string Source, Action<ulong> Run)[] Cases =
    [
        ("Schelling", "small", "Schelling.cs", seed => RunSchelling(SchellingParameters.Small, seed)),
        ("Schelling", "large", "Schelling.cs", seed => RunSchelling(SchellingParameters.Large, seed)),
        ("WolfSheep", "small", "WolfSheep.cs", seed => RunWolfSheep(WolfSheepParameters.Small, seed)),
        ("WolfSheep", "large", "WolfSheep.cs", seed => RunWolfSheep(WolfSheepParameters.Large, seed)),
        ("Flocking", "small", "Flocking.cs", seed => RunFlocking(FlockingParameters.Small, seed)),
        ("Flocking", "large", "Flocking.cs", seed => RunFlocking(FlockingParameters.Large, seed)),
        ("CivilViolence", "40x40", "CivilViolence.cs", seed => RunCivilViolence(CivilViolenceParameters.Default, seed)),
    ];

    private static int Main(string[] args)
    {
        var runs = IntOption(args, "--runs", 100);
        var seed = (ulong)IntOption(args, "--seed", 42);
        if (Array.IndexOf(args, "--series") is var s && s >= 0)
        {
            PrintCivilViolenceSeries(seed);
            return 0;
        }

        var only = Array.IndexOf(args, "--model") is var m && m >= 0 && m + 1 < args.Length ? args[m + 1] : null;
        var onlySize = Array.IndexOf(args, "--size") is var z && z >= 0 && z + 1 < args.Length ? args[z + 1] : null;
        var selected = Cases.Where(c => (only is null || c.Name.Equals(only, StringComparison.OrdinalIgnoreCase))
            && (onlySize is null || c.Size.Equals(onlySize, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (Array.IndexOf(args, "--versus-ecs") >= 0)
        {
            PrintVersusEcs(runs, seed);
            return 0;
        }

        if (Array.IndexOf(args, "--cpu") >= 0)
        {
            foreach (var (name, size, _, run) in selected)
            {
                var (cpu, wall, process) = CpuMedians(run, runs, seed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}_{size} runs={runs} whole_cpu_ms={cpu:F4} whole_wall_ms={wall:F4} process_cpu_ms_per_run={process:F4}"));
            }

            return 0;
        }

        Console.WriteLine($"Median of {runs} seeded runs, creation included, after at least {Warmup} warm-up runs and {WarmupTime.TotalSeconds} s; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| model | size | median ms | lines of code |");
        Console.WriteLine("| --- | --- | ---: | ---: |");
        foreach (var (name, size, source, run) in selected)
        {
            var median = MedianMilliseconds(run, runs, seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {size} | {median:F3} | {LinesOfCode(source)} |"));
        }

        return 0;
    }

    private const int Warmup = 10;

    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    /// <summary>The seeds come from one seeded stream, so the same 100 runs are timed every time.</summary>
    private static double MedianMilliseconds(Action<ulong> run, int runs, ulong seed)
    {
        var seeds = Sim.Ecs.Rng.For(seed, Sim.Ecs.RngKey.Purpose("benchmark seeds"));
        // Long enough for the JIT's tiered compilation to reach its optimised code.
        var warmupStart = Stopwatch.GetTimestamp();
        for (var w = 0; w < Warmup || Stopwatch.GetElapsedTime(warmupStart) < WarmupTime; w++)
        {
            run(ulong.MaxValue - (ulong)w);
        }

        var times = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var runSeed = seeds.NextUInt64();
            var start = Stopwatch.GetTimestamp();
            run(runSeed);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Median(times);
    }

    /// <summary>
    /// As <see cref="MedianMilliseconds"/>, timed in CPU time of the running thread; with the median wall time and the
    /// process's CPU time (all threads) over the timed runs, divided by the runs.
    /// </summary>
    private static (double Cpu, double Wall, double ProcessPerRun) CpuMedians(Action<ulong> run, int runs, ulong seed)
    {
        var seeds = Sim.Ecs.Rng.For(seed, Sim.Ecs.RngKey.Purpose("benchmark seeds"));
        var warmupStart = Stopwatch.GetTimestamp();
        for (var w = 0; w < Warmup || Stopwatch.GetElapsedTime(warmupStart) < WarmupTime; w++)
        {
            run(ulong.MaxValue - (ulong)w);
        }

        var cpu = new double[runs];
        var wall = new double[runs];
        var processStart = CpuClock.ProcessMilliseconds();
        for (var r = 0; r < runs; r++)
        {
            var runSeed = seeds.NextUInt64();
            var start = Stopwatch.GetTimestamp();
            var cpuStart = CpuClock.ThreadMilliseconds();
            run(runSeed);
            cpu[r] = CpuClock.ThreadMilliseconds() - cpuStart;
            wall[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var process = (CpuClock.ProcessMilliseconds() - processStart) / runs;
        return (Median(cpu), Median(wall), process);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    /// <summary>The same model through the space kit and as a loop over Sim.Ecs alone, timed alternately.</summary>
    private static void PrintVersusEcs(int runs, ulong seed)
    {
        Console.WriteLine($"Median of {runs} seeded runs each in CPU time of the thread, kit and hand-written alternately, three times; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| model | size | kit median CPU ms | Sim.Ecs loop median CPU ms | kit / loop |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var (size, parameters) in new[] { ("small", SchellingParameters.Small), ("large", SchellingParameters.Large) })
        {
            var kit = new double[3];
            var loop = new double[3];
            for (var round = 0; round < 3; round++)
            {
                kit[round] = CpuMedians(s => RunSchelling(parameters, s), runs, seed).Cpu;
                loop[round] = CpuMedians(s => RunSchellingLoop(parameters, s), runs, seed).Cpu;
            }

            double k = Median(kit), l = Median(loop);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Schelling | {size} | {k:F3} | {l:F3} | {k / l:F2} |"));
        }
    }

    private static void RunSchellingLoop(SchellingParameters parameters, ulong seed)
    {
        var model = new SchellingLoop(parameters, seed);
        for (var step = 0; step < parameters.Steps; step++)
        {
            model.Step();
        }
    }

    private static void RunSchelling(SchellingParameters parameters, ulong seed)
    {
        var model = new Schelling(parameters, seed);
        for (var step = 0; step < parameters.Steps; step++)
        {
            model.Step();
        }
    }

    private static void RunWolfSheep(WolfSheepParameters parameters, ulong seed)
    {
        var model = new WolfSheep(parameters, seed);
        for (var step = 0; step < parameters.Steps; step++)
        {
            model.Step();
        }
    }

    private static void RunFlocking(FlockingParameters parameters, ulong seed)
    {
        var model = new Flocking(parameters, seed);
        for (var step = 0; step < parameters.Steps; step++)
        {
            model.Step();
        }
    }

    private static void RunCivilViolence(CivilViolenceParameters parameters, ulong seed)
    {
        var model = new CivilViolence(parameters, seed);
        for (var step = 0; step < parameters.Steps; step++)
        {
            model.Step();
        }
    }

    private static void PrintCivilViolenceSeries(ulong seed)
    {
        var model = new CivilViolence(CivilViolenceParameters.Default, seed);
        Console.WriteLine("step,quiet,active,jailed");
        for (var step = 0; step <= model.Parameters.Steps; step++)
        {
            var (quiet, active, jailed) = model.Count();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step},{quiet},{active},{jailed}"));
            model.Step();
        }
    }

    /// <summary>Lines that are neither blank nor only a comment, as cloc counts them.</summary>
    private static int LinesOfCode(string source)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Models/" + source)
            ?? throw new InvalidOperationException($"Models/{source} is not embedded.");
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith("//", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
