using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;
using Formats.Compression.Deflate;

namespace Formats.Compression;

/// <summary>
/// Deflates a stream of bytes pigz-style: the bytes are cut into pieces (<see cref="PieceSizeFor"/>), each
/// deflated independently (no dictionary, so an inflater can also start at any piece) and hashed on its own worker, and the pieces are written in order as ONE raw deflate stream: every
/// piece but the last ends with a sync flush (an empty stored block, so it stops on a byte boundary without
/// the final bit) and the last finishes the stream. Any inflater, zlib's included, reads the result; the
/// CRC-32 is the pieces' CRCs combined in order. The pieces' lengths become the stream's
/// <see cref="RestartIndex"/>, so a reader can inflate them in parallel.
/// </summary>
/// <remarks>
/// Memory stays bounded by the pipeline, not the data: at most <c>parallelism</c> pieces are in flight
/// (input and output buffers from the shared pool), plus the one being filled. The caller's thread fills
/// pieces, deflates every <c>parallelism</c>-th one itself and writes finished ones in order; with a parallelism of 1
/// it deflates them all, with no worker threads.
/// </remarks>
public sealed class ChunkedDeflateSink : IDisposable
{
    /// <summary>The largest piece <see cref="PieceSizeFor"/> picks.</summary>
    public const int MaxPieceSize = 2 << 20;

    /// <summary>
    /// The smallest piece <see cref="PieceSizeFor"/> picks: below it restarting the compressor costs more than 1% on
    /// very compressible data.
    /// </summary>
    public const int MinPieceSize = 256 << 10;

    private readonly IByteSink output;
    private readonly int level;
    private readonly int parallelism;
    private readonly int chunkSize;
    private readonly Queue<Task<Piece>> inFlight = new();
    private readonly RestartIndexBuilder restarts;
    private byte[]? filling;
    private int filled;
    private uint crc;
    private long compressed;
    private long uncompressed;

    // A stream of exactly two pieces holds its first piece (input and output) until the second is deflated: see
    // SubmitPair.
    private readonly bool pair;
    private Task<Piece>? firstPiece;
    private byte[]? firstInput;

    /// <summary>A sink that deflates what it is given into <paramref name="output"/>.</summary>
    /// <param name="output">Where the deflate stream goes.</param>
    /// <param name="level">The compression level, 1 to 9 (<see cref="DeflateLevels"/>).</param>
    /// <param name="parallelism">Workers deflating pieces at once.</param>
    /// <param name="chunkSize">Uncompressed bytes per piece (<see cref="PieceSizeFor"/>).</param>
    /// <param name="totalLength">The uncompressed length when known (-1 otherwise).</param>
    /// <param name="maxIndexLength">Most bytes the <see cref="RestartIndexEncoding"/> of the stream's index may take.</param>
    public ChunkedDeflateSink(IByteSink output, int level, int parallelism, int chunkSize, long totalLength = -1, int maxIndexLength = int.MaxValue)
    {
        this.output = output;
        this.level = level;
        this.parallelism = Math.Max(1, parallelism);
        this.chunkSize = chunkSize;
        pair = totalLength > chunkSize && totalLength <= 2L * chunkSize;
        restarts = new RestartIndexBuilder(maxIndexLength);
    }

    /// <summary>
    /// The piece size for <paramref name="totalLength"/> uncompressed bytes: half of them (so two threads share a
    /// few MB), a multiple of 64 KiB between <see cref="MinPieceSize"/> and <see cref="MaxPieceSize"/>. It depends on
    /// the length alone, so the output does not depend on the machine's thread count. Few, large pieces keep the
    /// restart cost (a block header and a sync flush, about 25 bytes per piece) under 1% even on all-ones data.
    /// </summary>
    /// <param name="totalLength">The uncompressed length.</param>
    public static int PieceSizeFor(long totalLength)
    {
        var rounded = ((totalLength / 2) + 0xFFFF) & ~0xFFFFL;
        return (int)Math.Clamp(rounded, MinPieceSize, MaxPieceSize);
    }

    /// <summary>Takes the next uncompressed bytes; full pieces go to the workers.</summary>
    /// <param name="data">The bytes to deflate.</param>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            filling ??= ArrayPool<byte>.Shared.Rent(chunkSize);

            // A full piece is sent only once more data arrives, so the last piece is always the final one.
            if (filled == chunkSize)
            {
                Submit(final: false);
                filling = ArrayPool<byte>.Shared.Rent(chunkSize);
            }

            var take = Math.Min(data.Length, chunkSize - filled);
            data[..take].CopyTo(filling.AsSpan(filled));
            filled += take;
            data = data[take..];
        }
    }

    /// <summary>Deflates and writes everything still pending, ending the deflate stream.</summary>
    /// <returns>The stream's CRC-32, sizes and restart points.</returns>
    public DeflateTotals Finish()
    {
        filling ??= ArrayPool<byte>.Shared.Rent(chunkSize);
        Submit(final: true);
        while (inFlight.Count > 0)
        {
            WriteOldest();
        }

        return new DeflateTotals(crc, compressed, uncompressed, restarts.Build());
    }

    private void Submit(bool final)
    {
        var input = filling!;
        var length = filled;
        filling = null;
        filled = 0;
        if (pair)
        {
            SubmitPair(input, length, final);
            return;
        }

        // Up to parallelism - 1 pieces go to the thread pool; the caller deflates the next one itself rather than
        // block waiting. A blocked caller would hold one of the pool's threads (the pool starts with one per core
        // and adds more only after half a second), so on two cores a few-MB stream would get one worker at a time.
        if (inFlight.Count < parallelism - 1 && !(final && inFlight.Count == 0))
        {
            inFlight.Enqueue(Task.Run(() => Deflate(input, length, final, level)));
            while (inFlight.Count > 0 && inFlight.Peek().IsCompleted)
            {
                WriteOldest();
            }

            return;
        }

        var piece = Deflate(input, length, final, level);
        try
        {
            while (inFlight.Count > 0)
            {
                WriteOldest();
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(piece.Buffer);
            throw;
        }

        Emit(piece);
    }

    /// <summary>
    /// The two pieces of a short stream. Restarting costs about 25 bytes, which on extremely compressible data (over
    /// 64 times) is more than 1% of a short stream's output (100,000 all-ones int32: 3.7%). So when both pieces
    /// together deflate that well, the data is deflated again as one piece, on this thread: such data deflates fast,
    /// and the result still depends on the data alone, never on the thread count.
    /// </summary>
    private void SubmitPair(byte[] input, int length, bool final)
    {
        if (!final)
        {
            if (firstPiece is not null)
            {
                throw new InvalidOperationException("a two-piece stream received a third piece");
            }

            firstInput = input;
            firstPiece = parallelism > 1
                ? Task.Run(() => Deflate(input, length, final: false, level, keepInput: true))
                : Task.FromResult(Deflate(input, length, final: false, level, keepInput: true));
            return;
        }

        if (firstPiece is null)
        {
            // The data ended within the first piece after all.
            Emit(Deflate(input, length, final: true, level));
            return;
        }

        Piece second;
        try
        {
            second = Deflate(input, length, final: true, level, keepInput: true);
        }
        catch
        {
            // The first piece may still be deflating from its input: Dispose waits for it, then returns that.
            ArrayPool<byte>.Shared.Return(input);
            throw;
        }

        Piece first;
        try
        {
            first = firstPiece.GetAwaiter().GetResult();
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(second.Buffer);
            ReturnPairInputs(input);
            throw;
        }

        firstPiece = null;
        if ((first.Length + (long)second.Length) * RestartIndexBuilder.MaxIndexedRatio >= first.InputLength + (long)second.InputLength)
        {
            ReturnPairInputs(input);
            try
            {
                Emit(first);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(second.Buffer);
                throw;
            }

            Emit(second);
            return;
        }

        ArrayPool<byte>.Shared.Return(first.Buffer);
        ArrayPool<byte>.Shared.Return(second.Buffer);
        var whole = ArrayPool<byte>.Shared.Rent(first.InputLength + length);
        firstInput.AsSpan(0, first.InputLength).CopyTo(whole);
        input.AsSpan(0, length).CopyTo(whole.AsSpan(first.InputLength));
        ReturnPairInputs(input);
        Emit(Deflate(whole, first.InputLength + length, final: true, level));
    }

    private void ReturnPairInputs(byte[] second)
    {
        ArrayPool<byte>.Shared.Return(second);
        if (firstInput is not null)
        {
            ArrayPool<byte>.Shared.Return(firstInput);
            firstInput = null;
        }
    }

    private void WriteOldest() => Emit(inFlight.Dequeue().GetAwaiter().GetResult());

    private void Emit(Piece piece)
    {
        try
        {
            output.Write(piece.Buffer.AsSpan(0, piece.Length));
            crc = Crc32Combine.Combine(crc, piece.Crc, piece.InputLength);
            compressed += piece.Length;
            uncompressed += piece.InputLength;
            restarts.Add(piece.Length, piece.InputLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece.Buffer);
        }
    }

    private static Piece Deflate(byte[] input, int length, bool final, int level, bool keepInput = false)
    {
        try
        {
            var data = input.AsSpan(0, length);
            var pieceCrc = Crc32.HashToUInt32(data);
            if (DeflateLevels.ZlibNgLevelFor(level) is not { } zlibNgLevel)
            {
                var compressed = ArrayPool<byte>.Shared.Rent(DeflateEncoder.MaxCompressedLength(length));
                var written = DeflateEncoder.ForCurrentThread().Compress(data, compressed, final, DeflateLevels.EncoderParametersFor(level));
                return new Piece(compressed, written, pieceCrc, length);
            }

            var sink = new PooledBufferStream(length + (length >> 7) + 256);
            try
            {
                var deflate = new DeflateStream(sink, new ZLibCompressionOptions { CompressionLevel = zlibNgLevel }, leaveOpen: true);
                deflate.Write(data);
                if (final)
                {
                    deflate.Dispose();
                    return new Piece(sink.Detach(out var finalLength), finalLength, pieceCrc, length);
                }

                // Sync flush: everything so far, byte-aligned, not final. What Dispose adds after it (the
                // final empty block) is cut off; the next piece continues the stream.
                deflate.Flush();
                var keep = sink.Length;
                deflate.Dispose();
                sink.SetLength(keep);
                return new Piece(sink.Detach(out var pieceLength), pieceLength, pieceCrc, length);
            }
            finally
            {
                sink.Dispose();
            }
        }
        finally
        {
            if (!keepInput)
            {
                ArrayPool<byte>.Shared.Return(input);
            }
        }
    }

    /// <summary>Waits for the workers of an unfinished stream and returns every pooled buffer.</summary>
    public void Dispose()
    {
        // Abandoned midway: let workers finish so their pooled buffers are not handed out while in use.
        if (firstPiece is not null)
        {
            ReturnWhenDone(firstPiece);
            firstPiece = null;
        }

        if (firstInput is not null)
        {
            ArrayPool<byte>.Shared.Return(firstInput);
            firstInput = null;
        }

        while (inFlight.Count > 0)
        {
            ReturnWhenDone(inFlight.Dequeue());
        }

        if (filling is not null)
        {
            ArrayPool<byte>.Shared.Return(filling);
            filling = null;
        }
    }

    private static void ReturnWhenDone(Task<Piece> task)
    {
        try
        {
            ArrayPool<byte>.Shared.Return(task.GetAwaiter().GetResult().Buffer);
        }
#pragma warning disable CA1031 // The stream is being abandoned: a worker's failure no longer matters.
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    private readonly record struct Piece(byte[] Buffer, int Length, uint Crc, int InputLength);
}
