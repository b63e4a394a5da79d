using Formats.Casting;
using Formats.Printing;

namespace Formats.Comparing;

/// <summary>
/// Compares two arrays element by element, streaming both in lock-step in bounded memory: chunks of the same element
/// count are read from each side into two alternating buffer pairs, and while one pair is read the other is compared in
/// parallel slices. Both sides are met in the same order: storage order when their orders agree (a Fortran-ordered
/// element's position is turned into its C-order index), else the Fortran-ordered side is read in blocks of rows,
/// which come in C order. The differences kept are the first in C order, whatever order they are met in.
/// </summary>
internal static class ArrayDiffing
{
    private const int ChunkBytes = 8 << 20;
    private const int Precision = 8;

    public static async Task<ArrayDiff> DiffAsync(ArrayFileReader fileA, ArrayFileReader fileB, DiffRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.MaxDifferences);
        var (entryA, _, a) = fileA.Resolve((request.ReadA ?? ReadRequest.Default) with { Member = MemberOf(fileA, request.Member) });
        var (entryB, _, b) = fileB.Resolve((request.ReadB ?? ReadRequest.Default) with { Member = MemberOf(fileB, request.Member) });
        var typeA = Numeric(a, fileA.Path);
        var typeB = Numeric(b, fileB.Path);
        if (!a.Shape.Dimensions.SequenceEqual(b.Shape.Dimensions) || a.ElementCount == 0)
        {
            return new ArrayDiff(a, b, 0, []);
        }

        var finder = ElementComparison.Finder(typeA, typeB, request);
        var fortran = a.IsFortranOnly && b.IsFortranOnly;
        using var sourceA = Open(fileA, entryA.Name, a, b, ChunkBytes);
        using var sourceB = Open(fileB, entryB.Name, b, a, ChunkBytes);
        var scan = new Scan(typeA, typeB, a, !b.DType.IsNativeByteOrder, finder, request.MaxDifferences, fortran);
        var (count, found) = await scan.RunAsync(sourceA, sourceB, fileA.Path, fileB.Path, cancellationToken);
        var differences = found.Select(d => new ElementDifference(d.Flat, Unravel(d.Flat, a.Shape),
            Print(a.DType, d.BytesA), Print(b.DType, d.BytesB))).ToList();
        return new ArrayDiff(a, b, count, differences);
    }

    // The member on a side that is an archive; a single-array file is compared whole.
    private static string? MemberOf(ArrayFileReader file, string? member) =>
        file.Format is IMultiArrayFormat ? member : null;

    private static NumericType Numeric(ArrayHeader header, string path) =>
        NumericTypes.Of(header.DType) ?? throw new UnsupportedArrayException(
            $"diff compares numeric arrays (bool, integers, floats, complex); dtype {header.DType.TypeString} is not one") { SourcePath = path };

    // Storage order, unless only this side is Fortran-ordered: then it is read in blocks of rows, in C order.
    private static ElementSource Open(ArrayFileReader file, string name, ArrayHeader header, ArrayHeader other, long blockBytes) =>
        header.IsFortranOnly && !other.IsFortranOnly ? ElementSource.InCOrder(file, name, header, blockBytes) : ElementSource.Stored(file, name);

    private static long[] Unravel(long flat, ArrayShape shape)
    {
        var index = new long[shape.Rank];
        for (var axis = shape.Rank - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }

        return index;
    }

    // One value as show prints a 0-d array of it; the bytes are in this machine's order.
    private static string Print(DType dtype, byte[] bytes) =>
        ElementFormat.Create(dtype.ToNativeByteOrder(), bytes, [0], zeroD: true, Precision).Format(bytes, 0);

    /// <summary>A difference met: its C-order flat index and both elements' bytes (native order).</summary>
    private sealed record Found(long Flat, byte[] BytesA, byte[] BytesB);

    /// <summary>The differences with the smallest flat indices, at most a given number.</summary>
    private sealed class Smallest(int limit)
    {
        private readonly PriorityQueue<Found, long> kept = new(Comparer<long>.Create((x, y) => y.CompareTo(x)));

        public bool Wants(long flat) => limit > 0 && (kept.Count < limit || kept.TryPeek(out _, out var largest) && flat < largest);

        public void Add(Found found)
        {
            if (kept.Count == limit)
            {
                kept.Dequeue();
            }

            kept.Enqueue(found, found.Flat);
        }

        public void Merge(Smallest other)
        {
            foreach (var (found, flat) in other.kept.UnorderedItems)
            {
                if (Wants(flat))
                {
                    Add(found);
                }
            }
        }

        public List<Found> InOrder() => [.. kept.UnorderedItems.Select(i => i.Element).OrderBy(f => f.Flat)];
    }

    private sealed class Scan(NumericType typeA, NumericType typeB, ArrayHeader header, bool swapB, DifferenceFinder finder, int limit, bool fortran)
    {
        private readonly int sizeA = typeA.Size();
        private readonly int sizeB = typeB.Size();
        private readonly bool swapA = !header.DType.IsNativeByteOrder;
        private readonly long[] cStrides = CStrides(header.Shape);

        public async Task<(long Count, List<Found> Found)> RunAsync(ElementSource a, ElementSource b, string pathA, string pathB, CancellationToken cancellationToken)
        {
            var elements = Math.Max(1, ChunkBytes / Math.Max(sizeA, sizeB));
            byte[][] buffersA = [new byte[elements * sizeA], new byte[elements * sizeA]];
            byte[][] buffersB = [new byte[elements * sizeB], new byte[elements * sizeB]];
            long count = 0, position = 0;
            var kept = new Smallest(limit);
            Task<(long, Smallest)>? comparing = null;
            for (var turn = 0; ; turn ^= 1)
            {
                var lengthA = await a.FillAsync(buffersA[turn], cancellationToken);
                var lengthB = await b.FillAsync(buffersB[turn], cancellationToken);
                if (comparing is not null)
                {
                    var (n, smallest) = await comparing;
                    count += n;
                    kept.Merge(smallest);
                }

                var n0 = Elements(lengthA, sizeA, pathA);
                var n1 = Elements(lengthB, sizeB, pathB);
                if (n0 != n1 || position + n0 > header.ElementCount)
                {
                    var (shortPath, shortLength) = n0 < n1 ? (pathA, position + n0) : (pathB, position + n1);
                    throw new MalformedArrayException($"the data ends after {shortLength} of {header.ElementCount} elements") { SourcePath = shortPath };
                }

                if (n0 == 0)
                {
                    if (position < header.ElementCount)
                    {
                        throw new MalformedArrayException($"the data ends after {position} of {header.ElementCount} elements") { SourcePath = pathA };
                    }

                    return (count, kept.InOrder());
                }

                var (dataA, dataB, first) = (buffersA[turn].AsMemory(0, lengthA), buffersB[turn].AsMemory(0, lengthB), position);
                comparing = Task.Run(() => CompareParallel(dataA, dataB, first, n0), cancellationToken);
                position += n0;
            }
        }

        private static int Elements(int length, int size, string path) => length % size == 0
            ? length / size
            : throw new MalformedArrayException($"the data ends inside an element ({length % size} of {size} bytes)") { SourcePath = path };

        private (long, Smallest) CompareParallel(Memory<byte> a, Memory<byte> b, long first, int elements)
        {
            var slices = Math.Max(1, Math.Min(Environment.ProcessorCount, elements / 4096));
            var results = new (long Count, Smallest Kept)[slices];
            Parallel.For(0, slices, i =>
            {
                var start = (int)((long)elements * i / slices);
                var end = (int)((long)elements * (i + 1) / slices);
                results[i] = CompareSlice(a.Span[(start * sizeA)..(end * sizeA)], b.Span[(start * sizeB)..(end * sizeB)], first + start);
            });
            var total = new Smallest(limit);
            long count = 0;
            foreach (var (n, smallest) in results)
            {
                count += n;
                total.Merge(smallest);
            }

            return (count, total);
        }

        private (long, Smallest) CompareSlice(Span<byte> a, Span<byte> b, long first)
        {
            if (swapA)
            {
                ElementCast.Swap(a, typeA);
            }

            if (swapB)
            {
                ElementCast.Swap(b, typeB);
            }

            var kept = new Smallest(limit);
            long count = 0;
            for (var i = finder(a, b, 0); i >= 0; i = finder(a, b, i + 1))
            {
                count++;
                var flat = fortran ? CIndex(first + i) : first + i;
                if (kept.Wants(flat))
                {
                    kept.Add(new Found(flat, a.Slice(i * sizeA, sizeA).ToArray(), b.Slice(i * sizeB, sizeB).ToArray()));
                }
            }

            return (count, kept);
        }

        // A position in Fortran storage order as its flat index in C order.
        private long CIndex(long position)
        {
            var dims = header.Shape.Dimensions;
            long flat = 0, rest = position;
            for (var axis = 0; axis < dims.Length; axis++)
            {
                flat += rest % dims[axis] * cStrides[axis];
                rest /= dims[axis];
            }

            return flat;
        }

        private static long[] CStrides(ArrayShape shape)
        {
            var strides = new long[shape.Rank];
            long stride = 1;
            for (var axis = shape.Rank - 1; axis >= 0; axis--)
            {
                strides[axis] = stride;
                stride *= shape[axis];
            }

            return strides;
        }
    }
}
