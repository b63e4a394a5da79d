using System.IO.Hashing;

namespace Formats.Compression.Inflate;

/// <summary>
/// One deflate stream without a restart index, inflated on several threads (rapidgzip's method, Knespel and Brunst,
/// HPDC'23): the compressed stream is cut into chunks; a worker per chunk finds the first block start after its cut
/// (<see cref="Inflater.FindBlock"/>) and inflates from there with markers for the unknown window
/// (<see cref="ChunkGuess"/>), while this thread inflates from the stream's start. A guess is taken only when
/// this thread's decoding ends exactly at the guessed block start; its markers are then replaced from the window
/// that is known by then, on a worker.
/// </summary>
/// <remarks>
/// <para>
/// Correctness never depends on a guess: a chunk whose start is not where sequential decoding arrives, that fails,
/// or that is not found is simply decoded on this thread. Any data error, a length other than the declared one or
/// a failure of the decoder itself falls back to zlib (<see cref="InflatedInput"/>) from the stream's start,
/// skipping what was handed out, so errors are zlib's and the bytes are zlib's; the CRC-32 covers all of them.
/// </para>
/// <para>
/// Memory: the chunks in flight (at most <c>threads + 1</c>, each about <see cref="ChunkOutput"/> bytes, twice that
/// while it holds markers) plus the chunk being read, in buffers of <see cref="NativeBufferPool.Shared"/>.
/// </para>
/// </remarks>
internal sealed partial class SplitInflatedInput : DecompressedInput
{
    /// <summary>
    /// The <see cref="AppContext"/> switch that lets <see cref="DecompressedInput.OpenDeflated"/> pick this input: on
    /// unless set to false (with <c>AppContext.SetSwitch</c> or a <c>RuntimeHostConfigurationOption</c>), which
    /// leaves a stream without an index to zlib on one thread.
    /// </summary>
    public const string Switch = "Formats.Compression.IndexFreeParallelInflate";

    /// <summary>
    /// Shorter streams inflate on one thread: a chunk's block search and start-up cost about as much as inflating a
    /// few MiB.
    /// </summary>
    public const long MinLength = 4L << 20;

    /// <summary>
    /// Streams compressed more than this much are mostly long matches: the window's markers then run through whole
    /// chunks (every byte must be looked up again), while zlib copies such matches at memory speed on one thread.
    /// </summary>
    public const long MaxRatio = 8;

    /// <summary>
    /// Shorter streams inflate with zlib when on one thread: our decoder's tables and buffers cost about as much as it
    /// saves on a few hundred KiB.
    /// </summary>
    public const long MinSequentialLength = 1L << 20;

    /// <summary>Uncompressed bytes a chunk aims at by default.</summary>
    public const long DefaultChunkOutput = 16L << 20;

    // A segment is handed out through a span. A block can be decoded only whole, so one larger than 8 chunks (zlib-ng's
    // fastest level writes one fixed-code block for a whole stream) falls back to zlib rather than hold it in memory.
    private const long MaxSegment = int.MaxValue - (1 << 20);

    private readonly IPositionalSource source;
    private readonly DeflatedRange range;
    private readonly int threads;
    private readonly long chunkCompressed;
    private readonly int chunks;
    private readonly long expected;
    private readonly Queue<Task<ChunkGuess?>> inFlight = new();
    private readonly Queue<Segment> ready = new();
    private readonly CancellationTokenSource stop = new();
    private readonly NativeBufferPool pool;
    private Inflater? sequential;
    private byte[] window = [];
    private long pos;
    private bool final;
    private long decoded;
    private int nextChunk = 1;
    private int nextStarted = 1;
    private ChunkGuess? pending;
    private Segment? current;
    private int currentPosition;
    private uint crcBefore;
    private InflatedInput? fallback;
    private bool disposed;

    /// <summary>Prepares the input; no worker starts before the first read.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="range">The deflate stream.</param>
    /// <param name="threads">Threads inflating at once; 1 decodes sequentially with our decoder, no guesses.</param>
    /// <param name="chunkOutput">Uncompressed bytes per chunk to aim at (tests lower it to make many chunks).</param>
    public SplitInflatedInput(IPositionalSource source, DeflatedRange range, int threads, long chunkOutput = DefaultChunkOutput)
        : base(range.UncompressedLength)
    {
        this.source = source;
        this.range = range;
        this.threads = Math.Max(1, threads);
        ChunkOutput = Math.Max(chunkOutput, 1);
        var count = Math.Max(this.threads, (range.UncompressedLength + ChunkOutput - 1) / ChunkOutput);
        chunkCompressed = Math.Max(1, (range.CompressedLength + count - 1) / count);
        chunks = (int)((range.CompressedLength + chunkCompressed - 1) / chunkCompressed);
        pool = NativeBufferPool.Shared;
        expected = (long)((double)range.UncompressedLength / Math.Max(1, range.CompressedLength) * chunkCompressed * 1.125) + (1 << 16);
    }

    /// <summary>
    /// True when <paramref name="range"/> inflates to at least <paramref name="minLength"/> bytes (and
    /// <see cref="MinLength"/>), and compresses by 1/32 at least (mostly stored data inflates at the speed of a copy)
    /// but by no more than <see cref="MaxRatio"/>.
    /// </summary>
    public static bool CanUse(DeflatedRange range, long minLength) =>
        range.UncompressedLength >= Math.Max(minLength, MinLength)
        && SavesAThirtySecond(range)
        && range.CompressedLength * MaxRatio >= range.UncompressedLength;

    /// <summary>
    /// True when <paramref name="range"/> is worth inflating with our decoder on one thread: at least
    /// <see cref="MinSequentialLength"/> bytes, really compressed (by 1/32 at least), and data our decoder inflates
    /// faster than zlib (<see cref="Inflater.FasterThanZlib"/>).
    /// </summary>
    public static bool CanUseSequentially(DeflatedRange range) =>
        range.UncompressedLength >= MinSequentialLength
        && SavesAThirtySecond(range)
        && Inflater.FasterThanZlib(range);

    /// <summary>True unless the <see cref="Switch"/> is set to false.</summary>
    public static bool Enabled => !AppContext.TryGetSwitch(Switch, out var on) || on;

    /// <summary>Uncompressed bytes a chunk aims at.</summary>
    public long ChunkOutput { get; }

    /// <summary>True once the input gave up on its own decoder and reads through zlib instead.</summary>
    public bool FellBack => fallback is not null;

    /// <summary>Why it fell back (for tests and measurements).</summary>
    public string? FallBackReason { get; private set; }

    /// <summary>Chunks whose guessed start held (for tests and measurements).</summary>
    public int GuessesTaken { get; private set; }

    /// <summary>Chunks decoded on the reading thread, after a guess failed or found nothing.</summary>
    public int GuessesMissed { get; private set; }

    public override bool FillsLargeReads => true;

    public override bool TracksCrc => true;

    public override uint Crc => current is not { } s || currentPosition == 0
        ? crcBefore
        : Crc32Combine.Combine(
            crcBefore,
            currentPosition == s.Length ? s.Crc : Crc32.HashToUInt32(s.Bytes[..currentPosition]),
            currentPosition);

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var left = Length - Produced;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        if (fallback is null && (current is null || currentPosition == current.Length))
        {
            try
            {
                NextSegment();
            }
            catch (InvalidDataException e)
            {
                FallBackReason = $"{e.Message} (at bit {pos} of the stream, {decoded} bytes decoded)";
                FallBack();
            }
        }

        if (fallback is not null)
        {
            var read = fallback.Read(buffer);
            crcBefore = Crc32Combine.Combine(crcBefore, Crc32.HashToUInt32(buffer[..read]), read);
            Produced = fallback.Produced;
            return read;
        }

        var segment = current!;
        var n = (int)Math.Min(Math.Min(buffer.Length, segment.Length - currentPosition), left);
        segment.Bytes.Slice(currentPosition, n).CopyTo(buffer);
        currentPosition += n;
        Produced += n;
        return n;
    }

    public override void CheckEnd()
    {
        if (fallback is null)
        {
            try
            {
                while (!final)
                {
                    Advance();
                }
            }
            catch (InvalidDataException e)
            {
                FallBackReason = $"{e.Message} (at bit {pos} of the stream, {decoded} bytes decoded)";
                FallBack();
            }
        }

        if (fallback is null && decoded != Length)
        {
            FallBackReason = $"the stream inflates to {decoded} bytes, not {Length}";
            FallBack();
        }

        fallback?.CheckEnd();
    }

    // Makes the next segment current (the last one finished is hashed into crcBefore and released).
    private void NextSegment()
    {
        if (current is { } done)
        {
            crcBefore = Crc32Combine.Combine(crcBefore, done.Crc, done.Length);
            done.Dispose();
            current = null;
            currentPosition = 0;
        }

        while (true)
        {
            while (ready.Count == 0)
            {
                if (final)
                {
                    throw new InvalidDataException("the stream ends before its declared length");
                }

                Advance();
            }

            var next = ready.Dequeue();
            if (next.Length > 0)
            {
                current = next;
                current.Wait();
                return;
            }

            // Empty blocks (a sync flush's) make empty segments: a read must not return 0 before the end.
            next.Dispose();
        }
    }

    // Decides what comes after bit `pos`: a chunk guessed right, or sequential decoding up to the next chunk's start.
    private void Advance()
    {
        if (threads == 1)
        {
            // One thread: our decoder alone, a chunk's worth at a time.
            DecodeOn(long.MaxValue);
            return;
        }

        if (pending is null && nextChunk < chunks)
        {
            if (pos < nextChunk * chunkCompressed * 8)
            {
                DecodeOn(nextChunk * chunkCompressed * 8);
                return;
            }

            pending = Take(nextChunk++);
            if (pending is null)
            {
                // Nothing found there, or the guess failed: decode on past it.
                GuessesMissed++;
                return;
            }
        }

        if (pending is { } guess)
        {
            if (guess.StartBit > pos)
            {
                // Blocks the finder passed over (stored or fixed-code ones, say) lie between.
                DecodeOn(guess.StartBit);
                return;
            }

            pending = null;
            if (guess.StartBit == pos && window.Length == Inflater.WindowSize)
            {
                Accept(guess);
                return;
            }

            guess.Dispose();
            GuessesMissed++;
            return;
        }

        DecodeOn(long.MaxValue);
    }

    // Our decoder refused the data (or it does not inflate to its declared length): read through zlib from the
    // start, skipping what was handed out, so the error (or the bytes) are zlib's.
    private void FallBack()
    {
        // What was handed out of the current segment is hashed before the segment goes.
        crcBefore = Crc;
        if (current is { } segment)
        {
            segment.Dispose();
            current = null;
            currentPosition = 0;
        }

        StopWorkers();
        fallback = new InflatedInput(source, range with { Restarts = null });
        fallback.Skip(Produced);
    }

    private void StopWorkers()
    {
        stop.Cancel();
        AbandonedWork.Drain(inFlight, guess => guess?.Dispose());

        pending?.Dispose();
        pending = null;
        while (ready.Count > 0)
        {
            ready.Dequeue().Dispose();
        }

        current?.Dispose();
        current = null;
        currentPosition = 0;
        sequential?.Dispose();
        sequential = null;
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

    /// <summary>
    /// Inflated bytes ready to hand out: <see cref="Length"/> bytes at <c>offset</c> in <c>output</c>, hashed, once
    /// <see cref="Resolving"/> (a worker replacing markers) is done.
    /// </summary>
    private sealed class Segment(InflateOutput output, long offset, long length) : IDisposable
    {
        public int Length { get; } = checked((int)length);

        public uint Crc { get; private set; }

        public Task? Resolving { get; set; }

        public unsafe ReadOnlySpan<byte> Bytes => new(output.Buffer.Pointer + offset, Length);

        public void Hash() => Crc = Crc32.HashToUInt32(Bytes);

        public void Wait() => Resolving?.GetAwaiter().GetResult();

        public void Dispose()
        {
            try
            {
                Wait();
            }
#pragma warning disable CA1031 // Only waits so the buffer is not freed under the worker.
            catch (Exception)
            {
            }
#pragma warning restore CA1031

            output.Dispose();
        }
    }
}
