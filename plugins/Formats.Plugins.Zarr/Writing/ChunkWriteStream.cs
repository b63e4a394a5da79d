using Formats.Plugins.Zarr.Metadata;

namespace Formats.Plugins.Zarr.Writing;

/// <summary>
/// Takes an array's bytes in C order a band of chunk rows at a time and writes the band's chunks (edge chunks padded
/// with the fill value to the whole chunk shape, as the spec stores them), encoded in parallel; the metadata last.
/// </summary>
internal sealed class ChunkWriteStream : ArrayWriteStream
{
    private readonly IArrayDirectory directory;
    private readonly ZarrArrayMetadata array;
    private readonly int parallelism;
    private readonly Action writeMetadata;
    private readonly long rowBytes;
    private readonly long chunkRows;
    private readonly byte[] band;
    private int filled;
    private long bandIndex;

    public ChunkWriteStream(IArrayDirectory directory, ZarrArrayMetadata array, int parallelism, Action writeMetadata)
        : base(array.Header)
    {
        this.directory = directory;
        this.array = array;
        this.parallelism = Math.Max(1, parallelism);
        this.writeMetadata = writeMetadata;
        rowBytes = array.Rank == 0 ? array.Header.DType.ItemSize : array.Header.RowByteLength;
        chunkRows = array.Rank == 0 ? 1 : Math.Min(array.ChunkShape[0], Math.Max(1, array.Shape[0]));
        var bytes = chunkRows * rowBytes;
        band = bytes <= Array.MaxLength
            ? new byte[bytes]
            : throw new UnsupportedArrayException($"a band of one chunk row is {bytes} bytes, more than one buffer holds; choose fewer rows per chunk");
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckRoom(buffer.Length);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, band.Length - filled);
            buffer[..n].CopyTo(band.AsSpan(filled));
            buffer = buffer[n..];
            (filled, Written) = (filled + n, Written + n);
            if (filled == band.Length)
            {
                FlushBand();
            }
        }
    }

    public override void Flush()
    {
    }

    public override void Complete()
    {
        CheckComplete();
        if (filled > 0)
        {
            FlushBand();
        }

        writeMetadata();
    }

    private void FlushBand()
    {
        var rows = rowBytes == 0 ? 0 : filled / rowBytes;
        var grid = array.GridShape;
        var indices = new List<long[]>();
        var index = new long[array.Rank];
        if (array.Rank > 0)
        {
            index[0] = bandIndex;
            var count = grid.Skip(1).Aggregate(1L, (x, y) => x * y);
            for (var k = 0L; k < count; k++)
            {
                indices.Add((long[])index.Clone());
                for (var a = array.Rank - 1; a >= 1; a--)
                {
                    if (++index[a] < grid[a])
                    {
                        break;
                    }

                    index[a] = 0;
                }
            }
        }
        else
        {
            indices.Add(index);
        }

        try
        {
            Parallel.ForEach(indices, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, chunk => WriteChunk(chunk, rows));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        bandIndex++;
        filled = 0;
    }

    private void WriteChunk(long[] chunk, long rows)
    {
        var item = array.Header.DType.ItemSize;
        var chunkShape = array.ChunkShape;
        var chunkBytes = new byte[item * chunkShape.Aggregate(1L, (a, b) => a * b)];
        if (array.Rank == 0)
        {
            band.AsSpan(0, item).CopyTo(chunkBytes);
        }
        else
        {
            CopyRegion(chunkBytes, chunk, rows);
        }

        var shape = array.Shape;
        long[] extent = [.. chunk.Select((c, a) => Math.Min(chunkShape[a], shape[a] - (c * chunkShape[a])))];
        var encoded = array.Pipeline.Encode(chunkBytes, chunkShape, extent, parallelism);
        using var stream = directory.Create(array.ChunkEntry(chunk));
        stream.Write(encoded);
    }

    // The reader's copy reversed: band rows into the chunk's region, one run of the last axis at a time.
    private void CopyRegion(byte[] chunkBytes, long[] chunk, long rows)
    {
        var rank = array.Rank;
        var item = array.Header.DType.ItemSize;
        var shape = array.Shape;
        var chunkShape = array.ChunkShape;
        var extent = new long[rank];
        extent[0] = rows;
        for (var a = 1; a < rank; a++)
        {
            extent[a] = Math.Min(chunkShape[a], shape[a] - (chunk[a] * chunkShape[a]));
        }

        if (extent.Any(e => e <= 0))
        {
            return;
        }

        var chunkStrides = new long[rank];
        var bandStrides = new long[rank];
        (chunkStrides[rank - 1], bandStrides[rank - 1]) = (1, 1);
        for (var a = rank - 2; a >= 0; a--)
        {
            chunkStrides[a] = chunkStrides[a + 1] * chunkShape[a + 1];
            bandStrides[a] = bandStrides[a + 1] * shape[a + 1];
        }

        var origin = 0L;
        for (var a = 1; a < rank; a++)
        {
            origin += chunk[a] * chunkShape[a] * bandStrides[a];
        }

        var run = (int)(extent[rank - 1] * item);
        var at = new long[rank];
        while (true)
        {
            long dst = 0, src = origin;
            for (var a = 0; a < rank - 1; a++)
            {
                dst += at[a] * chunkStrides[a];
                src += at[a] * bandStrides[a];
            }

            Buffer.BlockCopy(band, (int)(src * item), chunkBytes, (int)(dst * item), run);
            var axis = rank - 2;
            for (; axis >= 0; axis--)
            {
                if (++at[axis] < extent[axis])
                {
                    break;
                }

                at[axis] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }
}
