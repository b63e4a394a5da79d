using System.Runtime.InteropServices;
using Formats.Casting;

namespace Formats.Statistics;

/// <summary>
/// One streaming pass per array, as <see cref="ArrayAdvising"/> makes it: chunks are read into two alternating
/// buffers, and while one is read the other is converted to float64 (<see cref="ElementCast"/>, NumPy's astype) and
/// scanned in parallel slices, each slice into its own <see cref="ColumnScanner"/>; the scanners merge at the end.
/// Memory stays bounded: two chunks, their float64 values, and the columns' accumulators.
/// </summary>
internal static class ArrayStatsScanning
{
    private const int ChunkElements = 1 << 20;

    public static async Task<IReadOnlyList<ArrayStats>> StatsAsync(ArrayFileReader file, ReadRequest request, StatsRequest stats, CancellationToken cancellationToken)
    {
        var names = request.Member is null ? file.Names : [file.Select(request.Member).Name];
        var result = new List<ArrayStats>();
        foreach (var name in names)
        {
            var (entry, rows, header) = file.Resolve(request with { Member = name });
            if (NumericTypes.Of(header.DType) is not { } type || type.IsComplex())
            {
                var problem = $"{Describe(entry.Name)}has dtype {header.DType}: statistics are computed for bool, integer and float arrays only (not complex, structured or text ones)";
                // One member among all of an archive's does not stop the others; an array asked for does.
                result.Add(request.Member is null && names.Count > 1
                    ? new ArrayStats(entry.Name, header, null, [], problem)
                    : throw new UnsupportedArrayException(problem) { SourcePath = file.Path });
                continue;
            }

            var (run, columns, indices, slotOfColumn, slotCount) = Layout(file.Path, entry.Name, header, stats.Columns);
            using var stream = file.OpenData(entry.Name, rows);
            var moments = await ScanAsync(stream, header.DType, type, file.Path, () => new ColumnScanner(type, run, columns, slotOfColumn, slotCount), cancellationToken);
            var integer = type.IsInteger() || type == NumericType.Bool;
            var statistics = indices is null
                ? [moments[0].ToStatistics(integer)]
                : indices.Select(c => moments[slotOfColumn is null ? (int)c : slotOfColumn[c]].ToStatistics(integer)).ToList();
            result.Add(new ArrayStats(entry.Name, header, indices, statistics));
        }

        return result;
    }

    private static string Describe(string name) => name.Length == 0 ? "the array " : $"array '{name}' ";

    // How elements map to the columns asked for; every column selected in order needs no map.
    private static (long Run, long Columns, long[]? Indices, Dictionary<long, int>? SlotOfColumn, int SlotCount) Layout(
        string path, string name, ArrayHeader header, Printing.ArrayColumns? selection)
    {
        if (selection is null)
        {
            return (long.MaxValue, 1, null, null, 1);
        }

        var shape = header.Shape.Dimensions.ToArray();
        if (shape.Length < 2)
        {
            throw new UnsupportedArrayException($"{Describe(name)}has {shape.Length} dimension(s): columns are along axis 1 of a 2-D or deeper array") { SourcePath = path };
        }

        long[] indices;
        try
        {
            indices = selection.ResolveIndices(shape[1]);
        }
        catch (ArrayFormatException e)
        {
            // An archive's members may differ in their columns: say whose.
            throw new ArrayFormatException(name.Length == 0 ? e.Problem : $"array '{name}': {e.Problem}", e) { SourcePath = path };
        }

        var inner = 1L;
        for (var i = 2; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        var run = Math.Max(1, header.FortranOrder ? shape[0] : inner);
        if (indices.Length == shape[1] && indices.Select((c, i) => c == i).All(same => same))
        {
            return (run, shape[1], indices, null, indices.Length);
        }

        var slots = new Dictionary<long, int>();
        foreach (var c in indices)
        {
            slots.TryAdd(c, slots.Count);
        }

        return (run, Math.Max(1, shape[1]), indices, slots, slots.Count);
    }

    private static async Task<IReadOnlyList<Moments>> ScanAsync(Stream stream, DType dtype, NumericType type, string path, Func<ColumnScanner> create,
        CancellationToken cancellationToken)
    {
        var size = dtype.ItemSize;
        byte[][] buffers = [new byte[ChunkElements * size], new byte[ChunkElements * size]];
        var values = new double[ChunkElements];
        var swap = !dtype.IsNativeByteOrder;
        var cast = new ElementCast(type.ToDType(), DType.Float64);
        var scanners = new ColumnScanner[Environment.ProcessorCount];
        long first = 0;
        Task? scanning = null;
        for (var turn = 0; ; turn ^= 1)
        {
            var buffer = buffers[turn];
            var length = await FileErrors.GuardAsync(path, async () => await stream.ReadAtLeastAsync(buffer, buffer.Length, false, cancellationToken));
            if (scanning is not null)
            {
                await scanning;
            }

            if (length == 0)
            {
                break;
            }

            if (length % size != 0)
            {
                throw new MalformedArrayException($"the data ends inside an element ({length % size} of {size} bytes)") { SourcePath = path };
            }

            var start = first;
            first += length / size;
            scanning = Task.Run(() => ScanParallel(buffer.AsMemory(0, length), values, start, size, swap, type, cast, scanners, create), cancellationToken);
        }

        var total = create();
        foreach (var scanner in scanners.Where(s => s is not null))
        {
            total.Merge(scanner);
        }

        total.Flush();
        return total.Slots;
    }

    // Slice i of every chunk goes to scanner i, so no two threads share one.
    private static void ScanParallel(Memory<byte> data, double[] values, long first, int size, bool swap, NumericType type, ElementCast cast,
        ColumnScanner[] scanners, Func<ColumnScanner> create)
    {
        var elements = data.Length / size;
        var slices = Math.Max(1, Math.Min(scanners.Length, elements / 4096));
        Parallel.For(0, slices, i =>
        {
            var start = (int)((long)elements * i / slices);
            var end = (int)((long)elements * (i + 1) / slices);
            var slice = data.Span[(start * size)..(end * size)];
            if (swap)
            {
                ElementCast.Swap(slice, type);
            }

            var converted = values.AsSpan(start, end - start);
            cast.ConvertToNative(slice, MemoryMarshal.AsBytes(converted), [], out _);
            (scanners[i] ??= create()).Scan(converted, slice, first + start);
        });
    }
}
