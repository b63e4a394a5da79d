using NS = NumSharp;

namespace Formats.Bench;

/// <summary>Times NumSharp 0.70 (NuGet) through its NumPy-like API: np.save, np.load, np.savez, np.load_npz.</summary>
internal static class NumSharpWorker
{
    private const string Tool = "numsharp";

    public static void Npy(WorkerOptions o)
    {
        var src = Suite.BigInput(o.Dir);
        var output = Path.Combine(o.Dir, "out_numsharp.npy");
        long size;
        var array = Load(src);
        size = array.size * array.dtypesize;
        Emit.Log(Tool, "np.save");
        Try("npy.write", "np.save(path, a)", () =>
        {
            var t = Measure.Run(() => NS.np.save(output, array), o.Reps, () => Measure.Fresh(output), warmup: 2);
            Emit.Write(Tool, "npy.write", "big", t, size, "np.save(path, a)", new FileInfo(output).Length);
        });
        array.Dispose();
        Measure.Collect();

        NS.NDArray? last = null;
        void Release()
        {
            last?.Dispose();
            last = null;
            Measure.Collect();
        }

        Emit.Log(Tool, "np.load (warm)");
        Try("npy.read", "np.load(path)", () =>
        {
            var t = Measure.Run(() => last = Load(src), o.Reps, Release, warmup: 2);
            Release();
            Emit.Write(Tool, "npy.read", "big", t, size, "np.load(path)");
        });

        if (o.Cold)
        {
            Emit.Log(Tool, "np.load (cold)");
            Try("npy.read.cold", "np.load(path)", () =>
            {
                var t = Measure.Run(() => last = Load(src), o.Reps, () =>
                {
                    Release();
                    Measure.DropCaches();
                }, warmup: 2);
                Release();
                Emit.Write(Tool, "npy.read.cold", "big", t, size, "np.load(path), page cache dropped");
            });
        }

        Measure.Settle();
        Emit.Log(Tool, "rows via mmap");
        const string mmapApi = "np.load(path, mmap_mode: \"r\")[\"1000:1001\"].copy()";
        Try("npy.rows", mmapApi, () =>
        {
            var t = Measure.Run(() =>
            {
                var mapped = (NS.NDArray)NS.np.load(src, mmap_mode: "r");
                var view = mapped[$"{Suite.RowStart}:{Suite.RowStop}"];
                last = view.copy();
                view.Dispose();
                mapped.Dispose();
            }, Math.Max(o.Reps, Suite.RowReps), () => last?.Dispose(), Suite.RowWarmup, 0, warmupSeconds: 0.3);
            CheckRow(last!);
            Release();
            Emit.Write(Tool, "npy.rows", "big", t, Suite.RowWidth * 4, mmapApi);
        });

        Emit.Log(Tool, "rows via full np.load");
        const string fullApi = "np.load(path)[\"1000:1001\"].copy()";
        Try("npy.rows.full", fullApi, () =>
        {
            var t = Measure.Run(() =>
            {
                var full = Load(src);
                last = full[$"{Suite.RowStart}:{Suite.RowStop}"].copy();
                full.Dispose();
            }, o.Reps, Release);
            CheckRow(last!);
            Release();
            Emit.Write(Tool, "npy.rows.full", "big", t, Suite.RowWidth * 4, fullApi);
        });
    }

    /// <summary>One large read in a fresh process, after warming the code path on a small file.</summary>
    public static void First(WorkerOptions o)
    {
        Load(Suite.NpzInput(o.Dir, "random255_u1")).Dispose();
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var array = Load(Suite.BigInput(o.Dir));
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Emit.Write(Tool, "npy.read.first", "big", new Timings([seconds], []), array.size * array.dtypesize, "np.load(path), first large load in the process");
        array.Dispose();
    }

    public static void Npz(WorkerOptions o)
    {
        foreach (var @case in Suite.NpzCases)
        {
            var array = Load(Suite.NpzInput(o.Dir, @case));
            long bytes = array.size * array.dtypesize;
            var heavy = bytes >= Suite.Heavy;
            foreach (var mode in Suite.NpzModes)
            {
                var output = Path.Combine(o.Dir, $"out_numsharp_{@case}_{mode}.npz");
                var writeApi = mode == "stored" ? "np.savez(path, a)" : "np.savez_compressed(path, a)";
                Emit.Log(Tool, $"{writeApi} {@case}");
                var written = Try($"npz.write.{mode}", writeApi, () =>
                {
                    var t = Measure.Run(() =>
                    {
                        if (mode == "stored")
                        {
                            NS.np.savez(output, array);
                        }
                        else
                        {
                            NS.np.savez_compressed(output, array);
                        }
                    }, o.Reps, () => Measure.Fresh(output), minTotal: heavy ? 0 : 0.5);
                    Emit.Write(Tool, $"npz.write.{mode}", @case, t, bytes, writeApi, new FileInfo(output).Length);
                }, @case);
                if (!written)
                {
                    Emit.Unavailable(Tool, $"npz.read.{mode}", @case, "nothing to read: the write failed");
                    continue;
                }

                const string readApi = "np.load_npz(path)[\"arr_0\"]";
                Emit.Log(Tool, $"np.load_npz {@case} ({mode})");
                NS.NDArray? last = null;
                Try($"npz.read.{mode}", readApi, () =>
                {
                    var t = Measure.Run(() =>
                    {
                        using var z = NS.np.load_npz(output);
                        last = z["arr_0"];
                    }, o.Reps, () =>
                    {
                        last?.Dispose();
                        last = null;
                        Measure.Collect();
                    }, minTotal: heavy ? 0 : 0.5);
                    if (last!.size != array.size)
                    {
                        throw new InvalidOperationException($"{@case}: read back {last.size} values");
                    }

                    last.Dispose();
                    Emit.Write(Tool, $"npz.read.{mode}", @case, t, bytes, readApi);
                }, @case);
                File.Delete(output);
            }

            array.Dispose();
            Measure.Collect();
        }
    }

    private static NS.NDArray Load(string path) => (NS.NDArray)NS.np.load(path);

    private static void CheckRow(NS.NDArray row)
    {
        if (row.ndim != 2 || row.shape[0] != 1 || row.shape[1] != Suite.RowWidth)
        {
            throw new InvalidOperationException($"row read gave shape ({string.Join(", ", row.shape)})");
        }
    }

    /// <summary>Runs one measurement; a NumSharp failure becomes an "unavailable" row naming the exception.</summary>
    private static bool Try(string op, string api, Action measure, string @case = "big")
    {
        try
        {
            measure();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            Emit.Unavailable(Tool, op, @case, $"failed: {e.GetType().Name}: {(message.Length > 160 ? message[..160] + "…" : message)}", api);
            Emit.Log(Tool, $"{op} {@case} failed: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }
}
