using System.Buffers;

namespace Formats.Compression.Inflate;

/// <summary>
/// Checks a restart index from a file before a partial read trusts it to jump: a jump hands out bytes as if they
/// started at the segment's uncompressed offset, and no CRC-32 covers a partial read, so an index that lies would
/// give wrong data silently (the parallel full read checks every segment it inflates instead).
/// </summary>
internal static class RestartCheck
{
    private const int ScanWindow = 1 << 16;

    // Every piece but the last ends with a sync flush: an empty stored block, whose LEN and NLEN (0x0000, 0xFFFF) are
    // the last four bytes before the next piece.
    private static ReadOnlySpan<byte> SyncFlushTail => [0x00, 0x00, 0xFF, 0xFF];

    /// <summary>True when every restart point of <paramref name="index"/> follows a sync flush (a block boundary).</summary>
    /// <remarks>Catches lengths moved between segments; costs one 4-byte positioned read per segment.</remarks>
    public static bool BoundariesFollowSyncFlushes(IPositionalSource source, DeflatedRange range, RestartIndex index)
    {
        Span<byte> tail = stackalloc byte[4];
        for (var i = 1; i < index.Count; i++)
        {
            var at = index.CompressedStart(i);
            if (at < tail.Length || source.ReadAt(range.Start + at - tail.Length, tail) != tail.Length || !tail.SequenceEqual(SyncFlushTail))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when no sync flush but its own last one lies inside <paramref name="segment"/>'s compressed bytes: it is
    /// one piece. Then the index cannot regroup whole pieces (a segment length of several pieces, spread unevenly
    /// over the segments) so that this segment inflates to its length but starts at another uncompressed offset.
    /// </summary>
    /// <remarks>
    /// Coarsened indexes (several pieces a segment, members over about 32 GiB) and the rare segment whose bytes hold
    /// the four-byte pattern by chance fail this: their partial reads inflate from the start.
    /// </remarks>
    public static bool SegmentIsOnePiece(IPositionalSource source, DeflatedRange range, RestartIndex index, int segment)
    {
        var tail = SyncFlushTail;
        var start = range.Start + index.CompressedStart(segment);
        // A pattern ending exactly at a segment's end is its own sync flush; the last segment ends the stream instead.
        var end = start + index.CompressedLength(segment) - (segment == index.Count - 1 ? 0 : 1);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanWindow);
        try
        {
            // Windows overlap by three bytes, so a pattern across two reads is seen.
            for (var at = start; at + tail.Length <= end; at += ScanWindow - (tail.Length - 1))
            {
                var want = (int)Math.Min(ScanWindow, end - at);
                var n = source.ReadAt(at, buffer.AsSpan(0, want));
                if (n < want || buffer.AsSpan(0, n).IndexOf(tail) >= 0)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// True when <paramref name="segment"/>'s compressed bytes inflate to exactly the length the index gives it and
    /// nothing more; catches a wrong segment length, which moves every restart point's uncompressed offset.
    /// </summary>
    public static bool SegmentInflatesExactly(IPositionalSource source, DeflatedRange range, RestartIndex index, int segment)
    {
        var expected = index.UncompressedLength(segment, range.UncompressedLength);
        var scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using var inflater = DecompressedInput.OpenInflater(source, range.Start + index.CompressedStart(segment), index.CompressedLength(segment));
            var done = 0L;
            while (done < expected)
            {
                var n = inflater.Read(scratch.AsSpan(0, (int)Math.Min(scratch.Length, expected - done)));
                if (n == 0)
                {
                    return false;
                }

                done += n;
            }

            return inflater.Read(scratch.AsSpan(0, 1)) == 0;
        }
        catch (Exception e) when (e is InvalidDataException or CompressedDataException)
        {
            // Corrupt data or a truncated source: not a restart point to trust; the sequential read reports it.
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
