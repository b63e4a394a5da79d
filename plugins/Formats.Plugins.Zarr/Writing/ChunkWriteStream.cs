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
        var indices = ChunkRegion.ChunksOfBand(array, bandIndex);

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
            ChunkRegion.Copy(array, chunk, 0, rows, chunkBytes, band, intoBand: false);
        }

        var shape = array.Shape;
        long[] extent = [.. chunk.Select((c, a) => Math.Min(chunkShape[a], shape[a] - (c * chunkShape[a])))];
        var encoded = array.Pipeline.Encode(chunkBytes, chunkShape, extent, parallelism);
        using var stream = directory.Create(array.ChunkEntry(chunk));
        stream.Write(encoded);
    }
}
