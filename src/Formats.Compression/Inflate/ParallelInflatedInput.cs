using System.IO.Hashing;
namespace Formats.Compression.Inflate;

/// <summary>
/// A deflate stream with a <see cref="RestartIndex"/>, inflated segment by segment on worker tasks ahead of the
/// reader, each segment by its own inflater over its own compressed byte range, into a pooled buffer; reads copy
/// the segments out in order. Memory is bounded: at most <c>ahead</c> segments in flight plus the one being read.
/// </summary>
/// <remarks>
/// <para>
/// A segment must inflate to exactly its length and end there (the last one ends the deflate stream), so an index
/// that does not match the data is caught before any of the segment's bytes are handed out. The index comes from
/// the file, though, and the sequential path must still read whatever zlib can: when a segment fails, the
/// workers stop and the stream is inflated again from its start by an ordinary sequential input, skipping what was
/// already handed out. Corrupt data then fails there, as it would without an index; the CRC-32 (<see cref="Crc"/>)
/// covers the bytes from both.
/// </para>
/// <para>Only full reads use this input; a row selection reads sequentially.</para>
/// </remarks>
internal sealed class ParallelInflatedInput : DecompressedInput
{
    /// <summary>Largest segment inflated into one buffer; larger segments (an index coarsened for huge streams) read sequentially.</summary>
    public const long MaxSegmentLength = 64L << 20;

    // Segments inflated ahead are held in memory: at most this much, however many threads.
    private const long MaxBytesAhead = 256L << 20;

    private readonly IPositionalSource source;
    private readonly DeflatedRange range;
    private readonly RestartIndex index;
    private readonly bool ownDecoder;
    private readonly int ahead;
    private readonly Queue<Task<Segment>> inFlight = new();
    private readonly CancellationTokenSource stop = new();
    private int nextSegment;
    private uint crcBefore;
    private uint currentCrc;
    private InflateOutput? current;
    private int currentLength;
    private int currentPosition;
    private InflatedInput? fallback;
    private bool disposed;

    /// <summary>Prepares the input; no worker starts before the first read.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="range">A deflate stream whose <see cref="DeflatedRange.Restarts"/> passes <see cref="CanUse"/>.</param>
    /// <param name="parallelism">Segments inflated at once (at least 1).</param>
    public ParallelInflatedInput(IPositionalSource source, DeflatedRange range, int parallelism)
        : base(range.UncompressedLength)
    {
        if (!CanUse(range, minLength: 0))
        {
            throw new ArgumentException("the deflate stream has no usable restart index", nameof(range));
        }

        this.source = source;
        this.range = range;
        index = range.Restarts!;
        ownDecoder = Inflater.FasterThanZlib(range);
        ahead = (int)Math.Clamp(MaxBytesAhead / index.SegmentLength, 1, Math.Max(1, parallelism));
    }

    /// <summary>True once a segment failed its checks: the stream is being read sequentially instead.</summary>
    public bool FellBack => fallback is not null;

    /// <summary>The worker tasks not yet collected (for tests: after <see cref="DecompressedInput.Dispose()"/> there are none).</summary>
    internal IReadOnlyList<Task> Workers => [.. inFlight];

    /// <summary>Segments are copies from memory: a large request can be filled by repeated reads.</summary>
    public override bool FillsLargeReads => true;

    /// <summary>Segments are inflated and hashed by the workers: the reader only copies.</summary>
    public override bool TracksCrc => true;

    /// <inheritdoc />
    public override uint Crc => current is null || currentPosition == 0
        ? crcBefore
        : Crc32Combine.Combine(
            crcBefore,
            currentPosition == currentLength ? currentCrc : Crc32.HashToUInt32(Current(0, currentPosition)),
            currentPosition);

    /// <summary>
    /// True when <paramref name="range"/> inflates to at least <paramref name="minLength"/> bytes, is really
    /// compressed, by 1/32 at least (data in deflate's stored blocks inflates at the speed of a copy: threads would
    /// only add overhead; a noisy float32 signal saves 8%)
    /// and its index has segments small enough to buffer.
    /// </summary>
    public static bool CanUse(DeflatedRange range, long minLength = MinParallelLength) =>
        range.UncompressedLength >= minLength
        && SavesAThirtySecond(range)
        && range.Restarts is { Count: >= 2 } r && r.SegmentLength <= MaxSegmentLength;

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var left = Length - Produced;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        if (fallback is null && currentPosition == currentLength && !NextSegment())
        {
            FallBack();
        }

        if (fallback is not null)
        {
            var read = fallback.Read(buffer);
            crcBefore = Crc32Combine.Combine(crcBefore, Crc32.HashToUInt32(buffer[..read]), read);
            Produced = fallback.Produced;
            return read;
        }

        var n = (int)Math.Min(buffer.Length, currentLength - currentPosition);
        Current(currentPosition, n).CopyTo(buffer);
        currentPosition += n;
        Produced += n;
        return n;
    }

    public override void CheckEnd()
    {
        // Without a fallback, the last segment's worker already checked that nothing follows its bytes.
        fallback?.CheckEnd();
    }

    // Makes the next segment current; false when it failed its checks.
    private bool NextSegment()
    {
        if (current is not null)
        {
            crcBefore = Crc32Combine.Combine(crcBefore, currentCrc, currentLength);
        }

        ReturnCurrent();
        while (inFlight.Count < ahead && nextSegment < index.Count)
        {
            var segment = nextSegment++;
            inFlight.Enqueue(Task.Run(() => InflateSegment(segment, stop.Token), stop.Token));
        }

        try
        {
            var done = inFlight.Dequeue().GetAwaiter().GetResult();
            current = done.Output;
            currentLength = done.Length;
            currentCrc = done.Crc;
            currentPosition = 0;
            return true;
        }
        catch (CompressedDataException)
        {
            return false;
        }
    }

    // A segment starts a fresh deflate block with nothing before it in reach; it must inflate to exactly its length
    // and end at its range's end (after a sync flush's empty stored block, or as the stream's final block). It goes
    // into a pooled native buffer, after a window's room (unused: nothing before the segment is in reach).
    private unsafe Segment InflateSegment(int segment, CancellationToken cancellation)
    {
        var expected = index.UncompressedLength(segment, Length);
        var output = InflateOutput.WithWindow([], expected + 1, NativeBufferPool.Shared);
        try
        {
            if (ownDecoder)
            {
                InflateOwn(segment, output, cancellation);
            }
            else
            {
                InflateZlib(segment, output, cancellation);
            }

            var bytes = new ReadOnlySpan<byte>(output.Buffer.Pointer + Inflater.WindowSize, (int)expected);
            return new Segment(output, (int)expected, Crc32.HashToUInt32(bytes));
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    // Our decoder. Whatever goes wrong stops the workers and falls back to zlib from the stream's start (see the
    // remarks), so the errors a user sees are zlib's.
    private void InflateOwn(int segment, InflateOutput output, CancellationToken cancellation)
    {
        var start = index.UncompressedStart(segment);
        var expected = index.UncompressedLength(segment, Length);
        var compressed = index.CompressedLength(segment);
        var last = segment == index.Count - 1;
        using var inflater = new Inflater(source, range.Start + index.CompressedStart(segment), compressed);
        try
        {
            while (!inflater.Finished && inflater.BitPosition < compressed * 8)
            {
                cancellation.ThrowIfCancellationRequested();
                inflater.DecodeBlock(output, expected);
            }
        }
        catch (InvalidDataException e)
        {
            throw new CompressedDataException(
                CompressedDataProblem.Corrupt, start + output.Produced, $"segment {segment} of the restart index does not inflate: {e.Message}", e);
        }

        if (output.Produced != expected || inflater.Finished != last || (!last && inflater.BitPosition != compressed * 8))
        {
            throw new CompressedDataException(
                CompressedDataProblem.Overlong,
                start + output.Produced,
                $"segment {segment} of the restart index inflates to {output.Produced} bytes, not {expected}, or does not end where the index says");
        }
    }

    // zlib, for data ours decodes slower (see Inflater.FasterThanZlib).
    private unsafe void InflateZlib(int segment, InflateOutput output, CancellationToken cancellation)
    {
        var start = index.UncompressedStart(segment);
        var expected = (int)index.UncompressedLength(segment, Length);
        var buffer = new Span<byte>(output.Buffer.Pointer + Inflater.WindowSize, expected);
        using var inflater = OpenInflater(source, range.Start + index.CompressedStart(segment), index.CompressedLength(segment));
        var done = 0;
        while (done < expected)
        {
            cancellation.ThrowIfCancellationRequested();
            var n = Inflate(inflater, buffer[done..], start + done);
            if (n == 0)
            {
                throw new CompressedDataException(
                    CompressedDataProblem.Truncated,
                    start + done,
                    $"segment {segment} of the restart index ends after {start + done} of the {Length} bytes declared");
            }

            done += n;
        }

        // A sync-flushed segment has nothing more; the last one must end the deflate stream right here.
        Span<byte> probe = stackalloc byte[1];
        if (Inflate(inflater, probe, start + done) != 0)
        {
            throw new CompressedDataException(
                CompressedDataProblem.Overlong, start + done, $"segment {segment} of the restart index inflates beyond its {expected} bytes");
        }
    }

    private unsafe ReadOnlySpan<byte> Current(int from, int count) => new(current!.Buffer.Pointer + Inflater.WindowSize + from, count);

    // The index does not match the data (or the data is corrupt): read sequentially from the start instead.
    private void FallBack()
    {
        StopWorkers();
        fallback = new InflatedInput(source, range with { Restarts = null });
        fallback.Skip(Produced);
    }

    private void StopWorkers()
    {
        stop.Cancel();
        AbandonedWork.Drain(inFlight, segment => segment.Output.Dispose());
        ReturnCurrent();
    }

    private void ReturnCurrent()
    {
        if (current is not null)
        {
            current.Dispose();
            current = null;
            currentLength = 0;
            currentPosition = 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            StopWorkers();
            stop.Dispose();
            fallback?.Dispose();
        }

        base.Dispose(disposing);
    }

    private readonly record struct Segment(InflateOutput Output, int Length, uint Crc);
}
