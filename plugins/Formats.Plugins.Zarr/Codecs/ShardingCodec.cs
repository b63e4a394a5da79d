using System.Buffers.Binary;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>
/// The <c>sharding_indexed</c> codec: a stored chunk (a shard) holds inner chunks, each encoded by
/// <paramref name="Inner"/>, and an index of (offset, length) uint64 pairs per inner chunk in C order, encoded by
/// <paramref name="Index"/> (the <c>bytes</c> codec and optionally <c>crc32c</c>), at the shard's start or end. An
/// inner chunk whose pair is all ones is absent: the fill value. Encoding writes the inner chunks in C order, then the
/// index (at the start or the end, as <paramref name="IndexAtStart"/> says); an inner chunk wholly outside the array (in
/// an edge shard) is left absent.
/// </summary>
internal sealed partial record ShardingCodec(long[] InnerShape, ChunkPipeline Inner, ChunkPipeline Index, int IndexChecksums, bool IndexAtStart, byte[] Fill)
{
    private const ulong Absent = ulong.MaxValue;

    public byte[] Decode(byte[] shard, long[] shardShape, int itemSize)
    {
        var grid = shardShape.Select((s, i) => s / InnerShape[i]).ToArray();
        var count = grid.Aggregate(1L, (a, b) => a * b);
        var indexLength = (16 * count) + (4L * IndexChecksums);
        if (shard.LongLength < indexLength)
        {
            throw new MalformedArrayException($"shard of {shard.LongLength} bytes is shorter than its index of {indexLength}");
        }

        var indexBytes = IndexAtStart ? shard[..(int)indexLength] : shard[^(int)indexLength..];
        var index = Index.Decode(indexBytes, [.. grid, 2]);
        var output = NewShard(shardShape, itemSize);
        for (var n = 0L; n < count; n++)
        {
            var (offset, length) = Entry(index, n, (ulong)shard.LongLength);
            if (offset != Absent)
            {
                var inner = Inner.Decode(shard.AsSpan((int)offset, length).ToArray(), InnerShape);
                Blocks.Copy(inner, InnerShape, output, shardShape, Origin(n, grid), itemSize);
            }
        }

        return output;
    }
}

internal sealed partial record ShardingCodec
{
    /// <summary>
    /// Rows <paramref name="firstRow"/> to <paramref name="firstRow"/> + <paramref name="rowCount"/> (axis 0) of the
    /// shard in <paramref name="stream"/>, read through its index: the index, then only the inner chunks that hold those
    /// rows, each read at its offset. The result has the whole shard's shape; rows outside the range are the fill value.
    /// </summary>
    public byte[] DecodeRows(Stream stream, long[] shardShape, int itemSize, long firstRow, long rowCount)
    {
        var grid = shardShape.Select((s, i) => s / InnerShape[i]).ToArray();
        var count = grid.Aggregate(1L, (a, b) => a * b);
        var indexLength = (16 * count) + (4L * IndexChecksums);
        var length = stream.Length;
        if (length < indexLength)
        {
            throw new MalformedArrayException($"shard of {length} bytes is shorter than its index of {indexLength}");
        }

        var indexBytes = new byte[indexLength];
        stream.Position = IndexAtStart ? 0 : length - indexLength;
        stream.ReadExactly(indexBytes);
        var index = Index.Decode(indexBytes, [.. grid, 2]);
        var output = NewShard(shardShape, itemSize);
        var perRow = count / grid[0];
        var firstInner = firstRow / InnerShape[0];
        var lastInner = (firstRow + rowCount - 1) / InnerShape[0];
        for (var n = firstInner * perRow; n < (lastInner + 1) * perRow; n++)
        {
            var (offset, size) = Entry(index, n, (ulong)length);
            if (offset == Absent)
            {
                continue;
            }

            var stored = new byte[size];
            stream.Position = (long)offset;
            stream.ReadExactly(stored);
            Blocks.Copy(Inner.Decode(stored, InnerShape), InnerShape, output, shardShape, Origin(n, grid), itemSize);
        }

        return output;
    }

    private long[] Origin(long n, long[] grid)
    {
        var origin = new long[grid.Length];
        for (var a = grid.Length - 1; a >= 0; a--)
        {
            origin[a] = n % grid[a] * InnerShape[a];
            n /= grid[a];
        }

        return origin;
    }

    // An inner chunk's (offset, length), checked against the shard's length; (Absent, 0) for an absent one.
    private static (ulong Offset, int Length) Entry(byte[] index, long n, ulong shardLength)
    {
        var offset = BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan((int)(16 * n)));
        var length = BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan((int)((16 * n) + 8)));
        if (offset == Absent && length == Absent)
        {
            return (Absent, 0);
        }

        return offset > shardLength || length > shardLength - offset
            ? throw new MalformedArrayException($"shard index entry {n} points at bytes {offset}+{length}, outside the shard's {shardLength}")
            : (offset, (int)length);
    }

    private byte[] NewShard(long[] shardShape, int itemSize)
    {
        var output = new byte[itemSize * shardShape.Aggregate(1L, (a, b) => a * b)];
        if (Fill.Any(b => b != 0))
        {
            for (var i = 0; i + Fill.Length <= output.Length; i += Fill.Length)
            {
                Fill.CopyTo(output, i);
            }
        }

        return output;
    }

    /// <summary>
    /// A shard (C order, stored byte order) to its stored bytes; <paramref name="extent"/> is how much of the shard lies
    /// in the array along each axis. Inner chunks are encoded in parallel.
    /// </summary>
    public byte[] Encode(byte[] shard, long[] shardShape, int itemSize, long[] extent, int parallelism)
    {
        var rank = shardShape.Length;
        var grid = shardShape.Select((s, i) => s / InnerShape[i]).ToArray();
        var count = grid.Aggregate(1L, (a, b) => a * b);
        var encoded = new byte[]?[count];
        try
        {
            Parallel.For(0L, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, n =>
            {
                var origin = new long[rank];
                var rest = n;
                for (var a = rank - 1; a >= 0; a--)
                {
                    origin[a] = rest % grid[a] * InnerShape[a];
                    rest /= grid[a];
                }

                if (origin.Where((o, a) => o >= extent[a]).Any())
                {
                    return;
                }

                encoded[n] = Inner.Encode(Blocks.Extract(shard, shardShape, origin, InnerShape, itemSize), InnerShape);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var indexLength = (16 * count) + (4L * IndexChecksums);
        var body = encoded.Sum(e => e?.LongLength ?? 0);
        if (body + indexLength > Array.MaxLength)
        {
            throw new UnsupportedArrayException($"a shard of {body + indexLength} bytes is more than one buffer holds; choose a smaller shard");
        }

        var output = new byte[body + indexLength];
        var index = new byte[16 * count];
        var at = IndexAtStart ? indexLength : 0;
        for (var n = 0; n < count; n++)
        {
            var (offset, length) = encoded[n] is { } e ? ((ulong)at, (ulong)e.LongLength) : (Absent, Absent);
            BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16 * n), offset);
            BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan((16 * n) + 8), length);
            if (encoded[n] is { } chunk)
            {
                chunk.CopyTo(output, at);
                at += chunk.LongLength;
            }
        }

        Index.Encode(index, [.. grid, 2]).CopyTo(output, IndexAtStart ? 0 : body);
        return output;
    }
}

/// <summary>Copies of whole C-ordered blocks into a larger C-ordered array, one run of the last axis at a time.</summary>
internal static class Blocks
{
    public static void Copy(byte[] block, long[] blockShape, byte[] target, long[] targetShape, long[] origin, int itemSize) =>
        Move(block, blockShape, target, targetShape, origin, itemSize, toTarget: true);

    /// <summary>The block of <paramref name="blockShape"/> at <paramref name="origin"/> of <paramref name="source"/>, copied out.</summary>
    public static byte[] Extract(byte[] source, long[] sourceShape, long[] origin, long[] blockShape, int itemSize)
    {
        var block = new byte[itemSize * blockShape.Aggregate(1L, (a, b) => a * b)];
        Move(block, blockShape, source, sourceShape, origin, itemSize, toTarget: false);
        return block;
    }

    private static void Move(byte[] block, long[] blockShape, byte[] target, long[] targetShape, long[] origin, int itemSize, bool toTarget)
    {
        var rank = blockShape.Length;
        if (rank == 0)
        {
            if (toTarget)
            {
                block.AsSpan(0, itemSize).CopyTo(target);
            }
            else
            {
                target.AsSpan(0, itemSize).CopyTo(block);
            }

            return;
        }

        var strides = new long[rank];
        strides[rank - 1] = 1;
        for (var a = rank - 2; a >= 0; a--)
        {
            strides[a] = strides[a + 1] * targetShape[a + 1];
        }

        var run = (int)(blockShape[rank - 1] * itemSize);
        var rows = blockShape.Take(rank - 1).Aggregate(1L, (x, y) => x * y);
        var at = new long[rank];
        for (var r = 0L; r < rows; r++)
        {
            var dst = origin[rank - 1];
            for (var a = 0; a < rank - 1; a++)
            {
                dst += (origin[a] + at[a]) * strides[a];
            }

            if (toTarget)
            {
                Buffer.BlockCopy(block, (int)(r * run), target, (int)(dst * itemSize), run);
            }
            else
            {
                Buffer.BlockCopy(target, (int)(dst * itemSize), block, (int)(r * run), run);
            }
            for (var a = rank - 2; a >= 0; a--)
            {
                if (++at[a] < blockShape[a])
                {
                    break;
                }

                at[a] = 0;
            }
        }
    }
}
