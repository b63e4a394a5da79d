using System.Buffers.Binary;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>
/// The <c>sharding_indexed</c> codec, read side: a stored chunk (a shard) holds inner chunks, each encoded by
/// <paramref name="Inner"/>, and an index of (offset, length) uint64 pairs per inner chunk in C order, encoded by
/// <paramref name="Index"/> (the <c>bytes</c> codec and optionally <c>crc32c</c>), at the shard's start or end. An
/// inner chunk whose pair is all ones is absent: the fill value.
/// </summary>
internal sealed record ShardingCodec(long[] InnerShape, ChunkPipeline Inner, ChunkPipeline Index, int IndexChecksums, bool IndexAtStart, byte[] Fill)
{
    private const ulong Absent = ulong.MaxValue;

    public byte[] Decode(byte[] shard, long[] shardShape, int itemSize)
    {
        var rank = shardShape.Length;
        var grid = shardShape.Select((s, i) => s / InnerShape[i]).ToArray();
        var count = grid.Aggregate(1L, (a, b) => a * b);
        var indexLength = (16 * count) + (4L * IndexChecksums);
        if (shard.LongLength < indexLength)
        {
            throw new MalformedArrayException($"shard of {shard.LongLength} bytes is shorter than its index of {indexLength}");
        }

        var indexBytes = IndexAtStart ? shard[..(int)indexLength] : shard[^(int)indexLength..];
        var index = Index.Decode(indexBytes, [.. grid, 2]);
        var output = new byte[itemSize * shardShape.Aggregate(1L, (a, b) => a * b)];
        if (Fill.Any(b => b != 0))
        {
            for (var i = 0; i + Fill.Length <= output.Length; i += Fill.Length)
            {
                Fill.CopyTo(output, i);
            }
        }

        var at = new long[rank];
        for (var n = 0L; n < count; n++)
        {
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan((int)(16 * n)));
            var length = BinaryPrimitives.ReadUInt64LittleEndian(index.AsSpan((int)((16 * n) + 8)));
            if (offset != Absent || length != Absent)
            {
                if (offset > (ulong)shard.LongLength || length > (ulong)shard.LongLength - offset)
                {
                    throw new MalformedArrayException($"shard index entry {n} points at bytes {offset}+{length}, outside the shard's {shard.LongLength}");
                }

                var inner = Inner.Decode(shard.AsSpan((int)offset, (int)length).ToArray(), InnerShape);
                Blocks.Copy(inner, InnerShape, output, shardShape, [.. at.Select((a, i) => a * InnerShape[i])], itemSize);
            }

            for (var a = rank - 1; a >= 0; a--)
            {
                if (++at[a] < grid[a])
                {
                    break;
                }

                at[a] = 0;
            }
        }

        return output;
    }
}

/// <summary>Copies of whole C-ordered blocks into a larger C-ordered array, one run of the last axis at a time.</summary>
internal static class Blocks
{
    public static void Copy(byte[] block, long[] blockShape, byte[] target, long[] targetShape, long[] origin, int itemSize)
    {
        var rank = blockShape.Length;
        if (rank == 0)
        {
            block.AsSpan(0, itemSize).CopyTo(target);
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

            Buffer.BlockCopy(block, (int)(r * run), target, (int)(dst * itemSize), run);
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
