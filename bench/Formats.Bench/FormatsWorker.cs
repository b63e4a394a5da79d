using Microsoft.Extensions.DependencyInjection;

namespace Formats.Bench;

/// <summary>Times Formats through its public facade, <see cref="ArrayFiles"/>, as an application would use it.</summary>
internal static class FormatsWorker
{
    private const string Tool = "formats";

    public static void Npy(WorkerOptions o)
    {
        var files = CreateFiles();
        var src = Suite.BigInput(o.Dir);
        var output = Path.Combine(o.Dir, "out_formats.npy");
        long size;
        using (var array = files.Read(src))
        {
            size = array.ByteLength;
            Emit.Log(Tool, "ArrayFiles.Write");
            var t = Measure.Run(() => files.Write(output, array), o.Reps, () => Measure.Fresh(output), warmup: 2);
            Emit.Write(Tool, "npy.write", "big", t, size, "ArrayFiles.Write(path, array)", new FileInfo(output).Length);
        }

        Measure.Collect();
        NDArray? last = null;
        void Release()
        {
            last?.Dispose();
            last = null;
            Measure.Collect();
        }

        Emit.Log(Tool, "ArrayFiles.Read (warm)");
        var warm = Measure.Run(() => last = files.Read(src), o.Reps, Release, warmup: 2);
        Release();
        Emit.Write(Tool, "npy.read", "big", warm, size, "ArrayFiles.Read(path)");

        if (o.Cold)
        {
            Emit.Log(Tool, "ArrayFiles.Read (cold)");
            var cold = Measure.Run(() => last = files.Read(src), o.Reps, () =>
            {
                Release();
                Measure.DropCaches();
            }, warmup: 2);
            Release();
            Emit.Write(Tool, "npy.read.cold", "big", cold, size, "ArrayFiles.Read(path), page cache dropped");
        }

        Measure.Settle();
        Emit.Log(Tool, "ArrayFiles.Read rows");
        var rows = new ReadRequest { RowStart = Suite.RowStart, RowStop = Suite.RowStop };
        var r = Measure.Run(() => last = files.Read(src, rows), Math.Max(o.Reps, Suite.RowReps), () => last?.Dispose(), Suite.RowWarmup, 0, warmupSeconds: 0.3);
        if (last!.Shape.Rank != 2 || last.Shape[0] != 1 || last.Shape[1] != Suite.RowWidth)
        {
            throw new InvalidOperationException($"row read gave shape {last.Shape}");
        }

        Release();
        Emit.Write(Tool, "npy.rows", "big", r, Suite.RowWidth * 4, "ArrayFiles.Read(path, new ReadRequest { RowStart = 1000, RowStop = 1001 })");
    }

    /// <summary>One large read in a fresh process, after warming the code path on a small file.</summary>
    public static void First(WorkerOptions o)
    {
        var files = CreateFiles();
        files.Read(Suite.NpzInput(o.Dir, "random255_u1")).Dispose();
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        using var array = files.Read(Suite.BigInput(o.Dir));
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Emit.Write(Tool, "npy.read.first", "big", new Timings([seconds], []), array.ByteLength, "ArrayFiles.Read(path), first large read in the process");
    }

    /// <summary>
    /// Runs every NPZ code path on the first case's array for a second before it is timed, so the tiered JIT has
    /// promoted the shared read and write paths and the heap has settled to arrays of that size (the first case would
    /// otherwise time half-compiled code and fresh memory that later cases no longer meet).
    /// </summary>
    private static void WarmUpNpz(ArrayFiles files, string dir)
    {
        using var small = files.Read(Suite.NpzInput(dir, Suite.NpzCases[0]));
        var path = Path.Combine(dir, "warmup_formats.npz");
        var members = new[] { new KeyValuePair<string, NDArray>("arr_0", small) };
        var read = new ReadRequest { Member = "arr_0" };
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds < 1.0)
        {
            foreach (var compress in new[] { false, true })
            {
                files.WriteAsync(path, members, new WriteRequest { Format = "npz", Compress = compress }).AsTask().GetAwaiter().GetResult();
                files.Read(path, read).Dispose();
            }
        }

        File.Delete(path);
    }

    /// <summary>Times full reads of member <c>arr_0</c> of <paramref name="path"/>, checking each gives <paramref name="expected"/>'s dtype and size.</summary>
    private static Timings TimeMemberReads(ArrayFiles files, string path, NDArray expected, int reps, bool heavy)
    {
        // Each run's array is freed before the next run, outside the clock, as NumPy's refcount frees it; a GC left to
        // run inside the timed loads would time gen2 collections of earlier arrays, not the read.
        NDArray? last = null;
        var read = new ReadRequest { Member = "arr_0" };
        var t = Measure.Run(() => last = files.Read(path, read), reps, () =>
        {
            last?.Dispose();
            last = null;
            Measure.Collect();
        }, minTotal: heavy ? 0 : 0.5);
        if (last!.ByteLength != expected.ByteLength || last.DType != expected.DType)
        {
            throw new InvalidOperationException($"{path}: read back {last.DType} {last.Shape}");
        }

        last.Dispose();
        return t;
    }

    public static void Npz(WorkerOptions o)
    {
        var files = CreateFiles();
        var npz = files.Router.Registry.Find("npz");
        if (npz is not null)
        {
            WarmUpNpz(files, o.Dir);
        }

        foreach (var @case in Suite.NpzCases)
        {
            if (npz is null)
            {
                foreach (var mode in Suite.NpzModes)
                {
                    Emit.Unavailable(Tool, $"npz.write.{mode}", @case, "npz: not available (no format named npz is registered)");
                    Emit.Unavailable(Tool, $"npz.read.{mode}", @case, "npz: not available (no format named npz is registered)");
                }

                continue;
            }

            using var array = files.Read(Suite.NpzInput(o.Dir, @case));
            var heavy = array.ByteLength >= Suite.Heavy;
            foreach (var mode in Suite.NpzModes)
            {
                var output = Path.Combine(o.Dir, $"out_formats_{@case}_{mode}.npz");
                var request = new WriteRequest { Format = "npz", Compress = mode == "compressed" };
                var members = new[] { new KeyValuePair<string, NDArray>("arr_0", array) };
                Emit.Log(Tool, $"npz {mode} write {@case}");
                var w = Measure.Run(
                    () => files.WriteAsync(output, members, request).AsTask().GetAwaiter().GetResult(),
                    o.Reps, () => Measure.Fresh(output), minTotal: heavy ? 0 : 0.5);
                Emit.Write(Tool, $"npz.write.{mode}", @case, w, array.ByteLength,
                    $"ArrayFiles.WriteAsync(path, [(\"arr_0\", a)], new WriteRequest {{ Format = \"npz\"{(mode == "compressed" ? ", Compress = true" : "")} }})",
                    new FileInfo(output).Length);

                Emit.Log(Tool, $"npz {mode} read {@case}");
                var t = TimeMemberReads(files, output, array, o.Reps, heavy);
                Emit.Write(Tool, $"npz.read.{mode}", @case, t, array.ByteLength, "ArrayFiles.Read(path, new ReadRequest { Member = \"arr_0\" })");
                File.Delete(output);
            }

            // NumPy's savez_compressed output, kept by its worker: one deflate stream, no restart index to inflate in parallel.
            var numpyFile = Path.Combine(o.Dir, $"numpy_written_{@case}.npz");
            if (File.Exists(numpyFile))
            {
                Emit.Log(Tool, $"npz read NumPy's compressed file {@case}");
                var t = TimeMemberReads(files, numpyFile, array, o.Reps, heavy);
                Emit.Write(Tool, "npz.read.numpy_file", @case, t, array.ByteLength, "ArrayFiles.Read(numpy_savez_compressed_file, new ReadRequest { Member = \"arr_0\" })");
                File.Delete(numpyFile);
            }

            Measure.Collect();
        }
    }

    /// <summary>
    /// Section B2: loads one NumPy-written compressed member (<c>big_CASE.npz</c>) after a warm-up load of the same
    /// file, with <see cref="WorkerOptions.Threads"/> threads; reports the process's peak RSS too.
    /// </summary>
    public static void Big(WorkerOptions o)
    {
        if (o.Zlib)
        {
            // The library's switch for its own decoder (on by default): off, a stream without an index is zlib's.
            AppContext.SetSwitch("Formats.Compression.IndexFreeParallelInflate", false);
        }

        var files = CreateFiles(o.Threads);
        var path = Path.Combine(o.Dir, $"big_{o.Case}.npz");
        var request = new ReadRequest { Member = "arr_0" };
        NDArray? last = null;
        // Between loads the last array's memory goes back to the OS at once, as NumPy's munmap returns it: left to
        // the GC's gradual release, the next 256 MiB come from pages never touched before, which on this VM cost a
        // host fault each on top of the zeroing (the first timed load then took twice as long).
        var t = Measure.Run(() => last = files.Read(path, request), o.Reps, () =>
        {
            last?.Dispose();
            last = null;
            Measure.Settle();
        }, warmup: 1, minTotal: 0);
        var bytes = last!.ByteLength;
        last.Dispose();
        Emit.Write(new Result
        {
            Tool = Tool,
            Op = $"npzbig.read.t{o.Threads}{(o.Zlib ? ".zlib" : "")}",
            Case = o.Case!,
            Times = [.. t.Times],
            Warmup = [.. t.Warmup],
            Bytes = bytes,
            Api = $"ArrayFiles.Read(path, new ReadRequest {{ Member = \"arr_0\" }}), MaxDegreeOfParallelism = {o.Threads}{(o.Zlib ? ", switch Formats.Compression.IndexFreeParallelInflate off (zlib)" : "")}",
            PeakRssKiB = [PeakRssKiB()],
        });
    }

    private static long PeakRssKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    internal static ArrayFiles CreateFiles(int threads = 0)
    {
        var services = new ServiceCollection();
        services.AddArrayFormats();
        if (threads > 0)
        {
            services.Configure<ArrayFormatsOptions>(options => options.MaxDegreeOfParallelism = threads);
        }

        return services.BuildServiceProvider().GetRequiredService<ArrayFiles>();
    }
}
