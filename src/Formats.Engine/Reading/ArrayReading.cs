using Formats.Casting;
using Formats.Pipeline;

namespace Formats.Reading;

/// <summary>
/// Reads one array of an open file into memory: positionally, in parallel, where the format states that the bytes
/// lie contiguous in the file (<see cref="ArrayEntry.Data"/>) and no checksum would be skipped; else through the
/// format's data stream. Synchronous end to end: on Unix, file I/O has no truly asynchronous path.
/// </summary>
internal static class ArrayReading
{
    private const int MaxWindow = 1 << 28;
    private const long ParallelReadThreshold = 16L << 20;
    private const int CastBufferSize = 1 << 20;

    public static NDArray Read(ArrayFileReader file, ReadRequest request, CancellationToken cancellationToken)
    {
        var (entry, rows, header) = file.Resolve(request);
        if (request.Cast is { } cast)
        {
            ArrayCasting.Check(header.DType, cast, file.Path);
            return FileErrors.Guard(file.Path, () =>
                ArrayCasting.Fill(ChunkSource.Of(file.OpenData(entry.Name, rows), file.Path, CastBufferSize), header, cast, file.Path, cancellationToken));
        }

        var array = NDArray.Allocate(header);
        try
        {
            FileErrors.Guard(file.Path, () =>
            {
                if (PositionalRange(file, entry, rows, array) is { } range)
                {
                    PositionalRead.Fill(file.Source!, range.Offset, array, cancellationToken);
                }
                else
                {
                    using var data = file.OpenData(entry.Name, rows);
                    Fill(data, array, cancellationToken);
                }

                return true;
            });
            return array;
        }
        catch
        {
            array.Dispose();
            throw;
        }
    }

    // Copying from the page cache and faulting in new memory are CPU work one thread cannot saturate; a whole
    // archive member streams instead, so that its CRC is checked.
    private static DataRange? PositionalRange(ArrayFileReader file, ArrayEntry entry, RowRange? rows, NDArray array)
    {
        if (Environment.ProcessorCount < 2 || array.ByteLength < ParallelReadThreshold || file.Source is null
            || entry.Data is not { } data)
        {
            return null;
        }

        // The reader has checked the header against the file's length; a file that shrinks later fails as truncated.
        // A read of every byte (all rows, however asked for) streams instead when the format checks a checksum.
        var range = RowSelection.Locate(entry.Header, rows, data);
        return entry.HasChecksum && range?.Length == entry.Header.ByteLength ? null : range;
    }

    private static void Fill(ArrayReadStream data, NDArray array, CancellationToken cancellationToken)
    {
        for (long offset = 0; offset < array.ByteLength;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var window = array.Storage.GetSpan(offset, (int)Math.Min(MaxWindow, array.ByteLength - offset));
            data.ReadExactly(window);
            offset += window.Length;
        }
    }
}
