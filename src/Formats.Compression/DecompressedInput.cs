using System.IO.Compression;
using Formats.Compression.Inflate;

namespace Formats.Compression;

/// <summary>
/// The uncompressed bytes of a range of a <see cref="IPositionalSource"/>, in order, up to a declared length: stored
/// bytes, or a deflate stream inflated sequentially, read straight from its stored blocks or inflated in parallel
/// from its restart points (<see cref="OpenDeflated"/> picks).
/// </summary>
/// <remarks>Data errors are <see cref="CompressedDataException"/>s.</remarks>
public abstract class DecompressedInput : IDisposable
{
    /// <summary>Deflate streams shorter than this inflate faster on one thread than workers take to start.</summary>
    public const long MinParallelLength = 1L << 20;

    private protected DecompressedInput(long length) => Length = length;

    /// <summary>The declared uncompressed length.</summary>
    public long Length { get; }

    /// <summary>Uncompressed bytes handed out so far.</summary>
    public long Produced { get; private protected set; }

    /// <summary>
    /// True when repeated reads to fill one large request are cheap: stored bytes (positioned reads) and segments
    /// inflated ahead (copies from memory).
    /// </summary>
    public virtual bool FillsLargeReads => false;

    /// <summary>True when the input hashes what it hands out itself (<see cref="Crc"/>), so the caller need not.</summary>
    public virtual bool TracksCrc => false;

    /// <summary>CRC-32 of every byte handed out so far, when <see cref="TracksCrc"/>.</summary>
    /// <exception cref="NotSupportedException">The input does not track the CRC.</exception>
    public virtual uint Crc => throw new NotSupportedException("this input does not hash what it reads");

    /// <summary>The <paramref name="length"/> bytes at <paramref name="start"/> as they are.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="start">Source offset of the first byte.</param>
    /// <param name="length">Bytes in the range.</param>
    public static DecompressedInput OpenStored(IPositionalSource source, long start, long length) =>
        new StoredRangeInput(source, start, length);

    /// <summary>Opens the input for the deflate stream <paramref name="range"/>.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="range">The deflate stream.</param>
    /// <param name="parallelism">
    /// Threads that may inflate a stream with a restart index (only worth it when every byte will be read: segments
    /// are inflated ahead of the reader).
    /// </param>
    /// <param name="minParallelLength">Shorter streams inflate on the calling thread.</param>
    /// <param name="forData">
    /// True when most of the data will be read (not just a header): a stream made of stored blocks only is then read
    /// without inflating (finding out walks its block headers), and one without a restart index that our decoder
    /// inflates faster than zlib (<see cref="Inflater.FasterThanZlib"/>) is inflated by it even on one thread.
    /// </param>
    public static DecompressedInput OpenDeflated(
        IPositionalSource source,
        DeflatedRange range,
        int parallelism = 1,
        long minParallelLength = MinParallelLength,
        bool forData = false) =>
        forData && StoredBlocksInput.TryOpen(source, range) is { } storedBlocks ? storedBlocks
        : parallelism > 1 && ParallelInflatedInput.CanUse(range, minParallelLength) ? new ParallelInflatedInput(source, range, parallelism)
        : parallelism > 1 && SplitInflatedInput.Enabled && SplitInflatedInput.CanUse(range, minParallelLength) ? new SplitInflatedInput(source, range, parallelism)
        : forData && range.Restarts is null && SplitInflatedInput.Enabled && SplitInflatedInput.CanUseSequentially(range) ? new SplitInflatedInput(source, range, 1)
        : new InflatedInput(source, range);

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; 0 only at the declared end.</summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <exception cref="CompressedDataException">The compressed data is corrupt or ends early.</exception>
    public abstract int Read(Span<byte> buffer);

    /// <summary>Fills <paramref name="buffer"/> or throws.</summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <exception cref="CompressedDataException">The data ends first, or is corrupt.</exception>
    public void ReadExactly(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Read(buffer);
            if (n == 0)
            {
                throw Truncated();
            }

            buffer = buffer[n..];
        }
    }

    /// <summary>Passes over <paramref name="count"/> bytes (without hashing them).</summary>
    /// <param name="count">Bytes to pass over.</param>
    /// <exception cref="CompressedDataException">The data ends first, or is corrupt.</exception>
    public virtual void Skip(long count)
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (count > 0)
        {
            var span = scratch[..(int)Math.Min(scratch.Length, count)];
            ReadExactly(span);
            count -= span.Length;
        }
    }

    /// <summary>Checks that nothing follows the declared length (the data must not inflate beyond it).</summary>
    /// <exception cref="CompressedDataException">More data follows: the declared length is a lie (a possible bomb).</exception>
    public abstract void CheckEnd();

    /// <summary>Waits for any workers and releases the input's buffers.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the input's resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// True when <paramref name="range"/> is really compressed, by 1/32 at least: data deflate mostly stored (random
    /// bytes) inflates at the speed of a copy, where threads or our decoder only add overhead.
    /// </summary>
    private protected static bool SavesAThirtySecond(DeflatedRange range) =>
        range.CompressedLength <= range.UncompressedLength - (range.UncompressedLength >> 5);

    /// <summary>The data ended after <see cref="Produced"/> bytes, before the declared length.</summary>
    private protected CompressedDataException Truncated() => new(
        CompressedDataProblem.Truncated, Produced, $"the data ends after {Produced} of the {Length} bytes declared");

    /// <summary>An inflater over compressed bytes from <paramref name="offset"/> on, for <paramref name="length"/> bytes.</summary>
    internal static DeflateStream OpenInflater(IPositionalSource source, long offset, long length) =>
        new(new SourceRangeStream(source, offset, length), CompressionMode.Decompress, leaveOpen: false);

    /// <summary>
    /// Reads from <paramref name="inflater"/>; corrupt deflate data becomes a <see cref="CompressedDataException"/>
    /// naming the uncompressed offset <paramref name="at"/> where it went wrong.
    /// </summary>
    private protected static int Inflate(DeflateStream inflater, Span<byte> buffer, long at)
    {
        try
        {
            return inflater.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // Not the inflater's words: .NET says "unsupported compression method" for an invalid block type.
            throw new CompressedDataException(
                CompressedDataProblem.Corrupt, at, $"the deflate data is corrupt after {at} inflated bytes", e);
        }
    }

    /// <summary>Skips for inputs that read by position: nothing is read, only the position moves.</summary>
    private protected void MoveWithoutReading(long count)
    {
        if (count > Length - Produced)
        {
            throw Truncated();
        }

        Produced += count;
    }
}
