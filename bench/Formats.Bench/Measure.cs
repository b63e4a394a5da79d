using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Formats.Bench;

/// <summary>Timed runs: warm-up first, then at least <c>reps</c> timed runs; the clock covers the operation alone.</summary>
internal static partial class Measure
{
    /// <summary>
    /// Runs <paramref name="operation"/> <paramref name="warmup"/> times untimed-for-the-result, then at least
    /// <paramref name="reps"/> times; fast operations repeat (up to 20 × reps) until <paramref name="minTotal"/>
    /// seconds were timed. <paramref name="before"/> runs before every run, outside the clock.
    /// </summary>
    /// <remarks>
    /// Fast operations (<paramref name="minTotal"/> above 0) also warm up for at least 0.3 s, so that the .NET tiered JIT
    /// has promoted the hot path (30 calls after a 100 ms delay) before the clock starts; NumPy's side does the same.
    /// </remarks>
    public static Timings Run(Action operation, int reps, Action? before = null, int warmup = 1, double minTotal = 0.5, int maxReps = 0,
        double? warmupSeconds = null)
    {
        maxReps = maxReps > 0 ? maxReps : reps * 20;
        warmupSeconds ??= minTotal > 0 ? 0.3 : 0;
        var times = new List<double>();
        var warm = new List<double>();
        for (var i = 0; ; i++)
        {
            before?.Invoke();
            var t0 = Stopwatch.GetTimestamp();
            operation();
            var elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var warming = times.Count == 0 && (i < warmup || warm.Sum() < warmupSeconds);
            (warming ? warm : times).Add(elapsed);
            if (times.Count >= reps && (times.Sum() >= minTotal || times.Count >= maxReps))
            {
                return new Timings(times, warm);
            }
        }
    }

    /// <summary>Deletes <paramref name="path"/> and flushes dirty pages, so every timed write starts from the same state.</summary>
    public static void Fresh(string path)
    {
        File.Delete(path);
        Sync();
    }

    /// <summary>Collects garbage left by the previous run (outside the clock).</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>
    /// Before a phase of small operations: returns the memory of earlier large arrays to the OS now, so that the GC's
    /// gradual release of it does not run inside the timed operations (NumPy's munmap returns it at once).
    /// </summary>
    public static void Settle() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Flushes dirty pages and drops the page cache (needs root), for cold-cache reads.</summary>
    public static void DropCaches()
    {
        Sync();
        File.WriteAllText("/proc/sys/vm/drop_caches", "3");
    }

    /// <summary>sync(2): writes every dirty page back.</summary>
    public static void Sync() => NativeSync();

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void NativeSync();
}

/// <summary>Seconds of the timed runs and of the warm-up runs.</summary>
internal sealed record Timings(List<double> Times, List<double> Warmup);
