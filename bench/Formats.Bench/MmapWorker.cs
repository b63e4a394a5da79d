using System.Runtime.InteropServices;
using Formats.Storage;

namespace Formats.Bench;

/// <summary>
/// Section C, Formats' side: random rows and a column sum over <see cref="ArrayFiles.Map"/> of <c>mm.npy</c>, mapped once
/// per process outside the clock (as bench/numpy_bench.py opens <c>np.load(path, mmap_mode='r')</c> once).
/// </summary>
internal static class MmapWorker
{
    private const string Tool = "formats";

    /// <summary>The column whose sum is taken (bench/numpy_bench.py's MM_COLUMN).</summary>
    public const int Column = 7;

    /// <summary>Keeps the copied rows reachable, so no copy can be optimised away.</summary>
    private static object? sink;

    public static void Run(WorkerOptions o)
    {
        var files = FormatsWorker.CreateFiles();
        var path = Path.Combine(o.Dir, "mm.npy");
        var idx = MemoryMarshal.Cast<byte, long>(File.ReadAllBytes(Path.Combine(o.Dir, "mm_idx.bin"))).ToArray();
        using var m = files.Map(path);
        if (m.Shape.Rank != 2 || m.Shape[1] != Suite.RowWidth)
        {
            throw new InvalidOperationException($"mapped {m.Shape}, expected (rows, {Suite.RowWidth})");
        }

        var rows = m.Shape[0];
        const int width = Suite.RowWidth;
        var n = idx.Length;
        long rowBytes = width * 4;

        Emit.Log(Tool, $"{n} random rows, AsSpan(i * {width}, {width}).ToArray() each");
        var t = Measure.Run(() =>
        {
            float[]? last = null;
            foreach (var i in idx)
            {
                last = m.AsSpan<float>(i * width, width).ToArray();
            }

            sink = last;
        }, o.Reps, warmup: 2);
        Emit.Write(Tool, "mmap.rows.loop", "mm", t, n * rowBytes,
            "using var m = files.Map(path) (outside the clock); foreach (var i in idx) m.AsSpan<float>(i * 1024, 1024).ToArray()");

        // The vectorised equivalents of m[idx] / m[np.sort(idx)]: every row copied into one new (n, 1024) buffer per run.
        var sorted = idx.Order().ToArray();
        foreach (var (op, order, api) in new[]
                 {
                     ("mmap.rows.fancy", idx, "new float[n * 1024]; row k = m.AsSpan<float>(idx[k] * 1024, 1024) copied in (idx as drawn)"),
                     ("mmap.rows.sorted", sorted, "the same with idx sorted outside the clock"),
                 })
        {
            Emit.Log(Tool, $"{n} random rows gathered into one buffer ({op})");
            t = Measure.Run(() =>
            {
                var buffer = GC.AllocateUninitializedArray<float>(n * width);
                for (var k = 0; k < order.Length; k++)
                {
                    m.AsSpan<float>(order[k] * width, width).CopyTo(buffer.AsSpan(k * width, width));
                }

                sink = buffer;
            }, o.Reps, () =>
            {
                sink = null;
                Measure.Collect();
            }, warmup: 2);
            Emit.Write(Tool, op, "mm", t, n * rowBytes, api);
        }

        sink = null;
        Measure.Collect();
        if (m.Storage is not UnmanagedArrayStorage mapped)
        {
            Emit.Unavailable(Tool, "mmap.colsum", "mm", $"storage is {m.Storage.GetType().Name}, not UnmanagedArrayStorage: no pointer");
            return;
        }

        var sum = 0.0;
        Emit.Log(Tool, $"sum of column {Column} over {rows} rows, Parallel.For over row blocks");
        t = Measure.Run(() => sum = ColumnSumParallel(mapped, rows), o.Reps, warmup: 2);
        Emit.Write(new Result
        {
            Tool = Tool, Op = "mmap.colsum", Case = "mm", Times = t.Times, Warmup = t.Warmup, Bytes = rows * 4, Value = sum,
            Api = $"float* over ((UnmanagedArrayStorage)m.Storage).Pointer, Parallel.For over {Environment.ProcessorCount} row blocks (one per core), float64 partial sums",
        });

        Emit.Log(Tool, $"sum of column {Column}, one thread");
        t = Measure.Run(() => sum = ColumnSum(mapped, 0, rows), o.Reps, warmup: 2);
        Emit.Write(new Result
        {
            Tool = Tool, Op = "mmap.colsum.1t", Case = "mm", Times = t.Times, Warmup = t.Warmup, Bytes = rows * 4, Value = sum,
            Api = "float* over ((UnmanagedArrayStorage)m.Storage).Pointer, one thread, float64 sum",
        });
    }

    private static double ColumnSumParallel(UnmanagedArrayStorage mapped, long rows)
    {
        var blocks = Environment.ProcessorCount;
        var partial = new double[blocks];
        Parallel.For(0, blocks, b =>
        {
            var start = rows * b / blocks;
            var stop = rows * (b + 1) / blocks;
            partial[b] = ColumnSum(mapped, start, stop);
        });
        return partial.Sum();
    }

    /// <summary>Sums column <see cref="Column"/> of rows [start, stop): one float read per row, four independent float64 sums.</summary>
    private static unsafe double ColumnSum(UnmanagedArrayStorage mapped, long start, long stop)
    {
        var p = (float*)mapped.Pointer + Column;
        const long width = Suite.RowWidth;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var r = start;
        for (; r + 4 <= stop; r += 4)
        {
            s0 += p[r * width];
            s1 += p[(r + 1) * width];
            s2 += p[(r + 2) * width];
            s3 += p[(r + 3) * width];
        }

        for (; r < stop; r++)
        {
            s0 += p[r * width];
        }

        return s0 + s1 + s2 + s3;
    }
}
