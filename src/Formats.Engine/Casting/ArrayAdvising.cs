namespace Formats.Casting;

/// <summary>
/// One streaming pass over each array: chunks are read into two alternating buffers, and while one is read the other
/// is scanned in parallel slices (every core), so reading and scanning overlap and memory stays bounded.
/// </summary>
internal static class ArrayAdvising
{
    private const int ChunkBytes = 8 << 20;

    public static async Task<IReadOnlyList<DTypeAdvice>> AdviseAsync(ArrayFileReader file, ReadRequest request, CancellationToken cancellationToken)
    {
        var names = request.Member is null ? file.Names : [file.Select(request.Member).Name];
        var advice = new List<DTypeAdvice>();
        foreach (var name in names)
        {
            var (entry, rows, header) = file.Resolve(request with { Member = name });
            if (NumericTypes.Of(header.DType) is not { } type)
            {
                advice.Add(new DTypeAdvice(entry.Name, header, null));
                continue;
            }

            using var stream = file.OpenData(entry.Name, rows);
            var stats = await ScanAsync(stream, header.DType, type, file.Path, cancellationToken);
            var narrowest = NarrowestDType.Choose(header.DType, stats);
            advice.Add(new DTypeAdvice(entry.Name, header, narrowest.ByteOrder == ByteOrder.NotApplicable ? narrowest : narrowest.WithByteOrder(header.DType.ByteOrder)));
        }

        return advice;
    }

    private static async Task<ValueStats> ScanAsync(Stream stream, DType dtype, NumericType type, string path, CancellationToken cancellationToken)
    {
        var size = dtype.ItemSize;
        var chunk = Math.Max(size, ChunkBytes / size * size);
        byte[][] buffers = [new byte[chunk], new byte[chunk]];
        var swap = !dtype.IsNativeByteOrder;
        var total = new ValueStats();
        Task<ValueStats>? scanning = null;
        for (var turn = 0; ; turn ^= 1)
        {
            var buffer = buffers[turn];
            var length = await FileErrors.GuardAsync(path, async () => await stream.ReadAtLeastAsync(buffer, buffer.Length, false, cancellationToken));
            if (scanning is not null)
            {
                total.Merge(await scanning);
            }

            if (length == 0)
            {
                return total;
            }

            if (length % size != 0)
            {
                throw new MalformedArrayException($"the data ends inside an element ({length % size} of {size} bytes)") { SourcePath = path };
            }

            scanning = Task.Run(() => ScanParallel(buffer.AsMemory(0, length), type, size, swap), cancellationToken);
        }
    }

    private static ValueStats ScanParallel(Memory<byte> data, NumericType type, int size, bool swap)
    {
        var elements = data.Length / size;
        var slices = Math.Max(1, Math.Min(Environment.ProcessorCount, elements / 4096));
        var results = new ValueStats[slices];
        Parallel.For(0, slices, i =>
        {
            var start = (int)((long)elements * i / slices) * size;
            var end = (int)((long)elements * (i + 1) / slices) * size;
            var slice = data.Span[start..end];
            if (swap)
            {
                ElementCast.Swap(slice, type);
            }

            results[i] = ValueStats.Scan(type, slice);
        });
        return results.Aggregate(new ValueStats(), (a, b) => a.Merge(b));
    }
}
