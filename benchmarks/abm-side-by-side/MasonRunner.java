import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import sim.engine.SimState;

/**
 * Times one MASON model of the ABM frameworks comparison the way benchmarks/Sim.Abm --cpu times
 * ours: after at least 10 warm-up runs and one second, N runs with seeds from one seeded stream,
 * each timed in CPU time of the running thread (ThreadMXBean, nanosecond clock).
 *
 * Prints one line: class, runs, median CPU ms of the whole run (model built and started, steps,
 * finish), median CPU ms of the steps only (what the comparison's JobTime covers, though it
 * reads the wall clock), median wall ms of the steps only, and the process CPU time of the timed
 * runs (all threads, garbage collector and compiler included) divided by the runs.
 *
 * Usage: java -cp mason.22.jar:classes MasonRunner CLASS STEPS RUNS [WARMUP_RUNS, default 10]
 */
public final class MasonRunner {
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        int steps = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        var constructor = type.getConstructor(long.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        var out = System.out;
        System.setOut(quiet); // the models print their own JobTime in finish()

        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        for (int w = 0; w < warmups || System.nanoTime() < warmupEnd; w++) {
            run((SimState) constructor.newInstance(Long.MAX_VALUE - w), steps, threads);
        }

        Random seeds = new Random(42);
        double[] whole = new double[runs];
        double[] stepsCpu = new double[runs];
        double[] stepsWall = new double[runs];
        long processStart = os.getProcessCpuTime();
        for (int r = 0; r < runs; r++) {
            long seed = seeds.nextInt(10000) + 1 + r * 10000L;
            long t0 = threads.getCurrentThreadCpuTime();
            SimState state = (SimState) constructor.newInstance(seed);
            long[] t = run(state, steps, threads);
            long t3 = threads.getCurrentThreadCpuTime();
            whole[r] = (t3 - t0) / 1e6;
            stepsCpu[r] = (t[1] - t[0]) / 1e6;
            stepsWall[r] = (t[3] - t[2]) / 1e6;
        }
        long processEnd = os.getProcessCpuTime();
        System.setOut(out);
        System.out.printf(java.util.Locale.ROOT, "%s runs=%d whole_cpu_ms=%.4f steps_cpu_ms=%.4f steps_wall_ms=%.4f process_cpu_ms_per_run=%.4f%n",
            args[0], runs, median(whole), median(stepsCpu), median(stepsWall), (processEnd - processStart) / 1e6 / runs);
    }

    /** Starts the model, steps it as SimState.doLoop does with -for STEPS, and finishes it. */
    private static long[] run(SimState state, int steps, ThreadMXBean threads) {
        state.start();
        long c0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        while (state.schedule.getSteps() < steps) {
            if (!state.schedule.step(state)) {
                break;
            }
        }
        long c1 = threads.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        state.finish();
        return new long[] { c0, c1, w0, w1 };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
