using Formats.Plugins.Zarr.Metadata;

namespace Formats.Plugins.Zarr.Reading;

/// <summary>
/// One array's data in C order, assembled a band at a time: a band is the rows of one chunk row along axis 0 (only
/// those asked for), built from that row's chunks, decoded in parallel; chunks outside the rows are never opened,
/// and a missing chunk is the fill value.
/// </summary>
internal sealed class ChunkReadStream : ArrayReadStream
{
    private readonly IArrayDirectory directory;
    private readonly ZarrArrayMetadata array;
    private readonly int parallelism;
    private readonly long stop;
    private readonly long rowBytes;
    private long nextRow;
    private long remaining;
    private byte[] band = [];
    private int bandPosition;

    public ChunkReadStream(IArrayDirectory directory, ZarrArrayMetadata array, RowRange? rows, int parallelism)
        : base(rows is { } r && array.Rank > 0 ? array.Header with { Shape = array.Header.Shape.WithLength0(r.Count) } : array.Header)
    {
        this.directory = directory;
        this.array = array;
        this.parallelism = Math.Max(1, parallelism);
        var total = array.Rank == 0 ? 1 : array.Shape[0];
        var range = rows ?? new RowRange(0, total);
        if (range.Start < 0 || range.Stop > total || range.Start > range.Stop)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows {range.Start}:{range.Stop} lie outside the array's {total}");
        }

        (nextRow, stop) = (range.Start, range.Stop);
        rowBytes = array.Rank == 0 ? array.Header.DType.ItemSize : array.Header.RowByteLength;
        remaining = Header.ByteLength;
    }

    public override long Remaining => remaining;

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (!buffer.IsEmpty && remaining > 0)
        {
            if (bandPosition == band.Length)
            {
                LoadBand();
                continue;
            }

            var n = Math.Min(buffer.Length, band.Length - bandPosition);
            band.AsSpan(bandPosition, n).CopyTo(buffer);
            (bandPosition, total, remaining) = (bandPosition + n, total + n, remaining - n);
            buffer = buffer[n..];
        }

        return total;
    }

    private void LoadBand()
    {
        var chunkRows = array.Rank == 0 ? 1 : array.ChunkShape[0];
        var b = nextRow / chunkRows;
        var first = nextRow;
        var last = Math.Min(stop, (b + 1) * chunkRows);
        var bytes = (last - first) * rowBytes;
        if (bytes > Array.MaxLength)
        {
            throw new UnsupportedArrayException($"a band of {bytes} bytes (the rows of one chunk) is more than one buffer holds; rechunk with fewer rows per chunk");
        }

        band = new byte[bytes];
        bandPosition = 0;
        nextRow = last;
        FillPattern(band, array.Fill);

        var indices = ChunkRegion.ChunksOfBand(array, b);

        // When several chunks are bad, the error names the first in grid order, whichever thread met it first.
        var errors = new ArrayFormatException?[indices.Count];
        Parallel.For(0, indices.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, (i, loop) =>
        {
            try
            {
                CopyChunk(indices[i], first - (b * chunkRows), last - first);
            }
            catch (ArrayFormatException e)
            {
                errors[i] = e;
                loop.Break();
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    private void CopyChunk(long[] chunk, long rowInChunk, long rows)
    {
        var entry = array.ChunkEntry(chunk);
        byte[] decoded;
        try
        {
            // Some rows of a shard: its index, then only the inner chunks that hold them.
            if (array.Pipeline.ReadsRows(array.Rank) && rows < array.ChunkShape[0])
            {
                using var stream = OpenChunk(entry);
                if (stream is null)
                {
                    return;
                }

                decoded = array.Pipeline.DecodeRows(stream, array.ChunkShape, rowInChunk, rows);
            }
            else if (ReadChunk(entry) is { } stored)
            {
                decoded = array.Pipeline.Decode(stored, array.ChunkShape);
            }
            else
            {
                return;
            }
        }
        catch (UnsupportedArrayException e)
        {
            throw new UnsupportedArrayException($"chunk {entry} of {directory.Name}: {e.Problem}", e);
        }
        catch (ArrayFormatException e)
        {
            throw new MalformedArrayException($"chunk {entry} of {directory.Name}: {e.Problem}", e);
        }

        if (array.Rank == 0)
        {
            decoded.CopyTo(band, 0);
            return;
        }

        ChunkRegion.Copy(array, chunk, rowInChunk, rows, decoded, band, intoBand: true);
    }

    private Stream? OpenChunk(string entry)
    {
        try
        {
            return directory.OpenRead(entry);
        }
        catch (ArrayFileAccessException e) when (e.Missing)
        {
            return null;
        }
    }

    private byte[]? ReadChunk(string entry)
    {
        if (OpenChunk(entry) is not { } stream)
        {
            return null;
        }

        using (stream)
        {
            if (stream.Length > Array.MaxLength)
            {
                throw new UnsupportedArrayException($"chunk {entry} of {directory.Name} is {stream.Length} bytes, more than one buffer holds");
            }

            var data = new byte[stream.Length];
            stream.ReadExactly(data);
            return data;
        }
    }

    private static void FillPattern(byte[] target, byte[] fill)
    {
        if (fill.All(b => b == 0))
        {
            return;
        }

        for (var i = 0; i + fill.Length <= target.Length; i += fill.Length)
        {
            fill.CopyTo(target, i);
        }
    }
}
