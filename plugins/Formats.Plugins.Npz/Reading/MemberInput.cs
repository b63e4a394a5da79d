using Formats.Compression;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Reading;

/// <summary>
/// A member's uncompressed bytes, in order, from the start of its NPY preamble: the compression library's input for
/// the member's method, whose data errors become the library's exception here, naming the member.
/// </summary>
internal sealed class MemberInput : IDisposable
{
    /// <summary>Members this long or longer may inflate on several threads.</summary>
    public const long MinParallelLength = DecompressedInput.MinParallelLength;

    private readonly DecompressedInput input;

    private MemberInput(ZipEntryRecord entry, DecompressedInput input)
    {
        Entry = entry;
        this.input = input;
    }

    public ZipEntryRecord Entry { get; }

    /// <summary>The compression library's input (tests check which one was picked).</summary>
    public DecompressedInput Inner => input;

    /// <summary>Uncompressed bytes handed out so far.</summary>
    public long Produced => input.Produced;

    /// <inheritdoc cref="DecompressedInput.FillsLargeReads"/>
    public bool FillsLargeReads => input.FillsLargeReads;

    /// <inheritdoc cref="DecompressedInput.TracksCrc"/>
    public bool TracksCrc => input.TracksCrc;

    /// <inheritdoc cref="DecompressedInput.Crc"/>
    public uint Crc => input.Crc;

    /// <summary>Opens the input for <paramref name="entry"/>, whose data starts at <paramref name="dataStart"/>.</summary>
    /// <param name="source">The archive.</param>
    /// <param name="entry">The member.</param>
    /// <param name="dataStart">Archive offset of the member's first stored byte.</param>
    /// <param name="parallelism">
    /// Threads that may inflate a deflated member with a restart index (only worth it when every byte will be read:
    /// segments are inflated ahead of the reader).
    /// </param>
    /// <param name="minParallelLength">Smaller members inflate on the calling thread (tests lower it).</param>
    /// <param name="forData">
    /// True when the member's data will be read (not just its header): a deflated member made of stored blocks only
    /// is then read without inflating (finding out walks its block headers).
    /// </param>
    public static MemberInput Open(
        ZipSource source,
        ZipEntryRecord entry,
        long dataStart,
        int parallelism = 1,
        long minParallelLength = MinParallelLength,
        bool forData = false) =>
        new(entry, entry.Method == ZipConstants.MethodStored
            ? DecompressedInput.OpenStored(source, dataStart, entry.UncompressedSize)
            : DecompressedInput.OpenDeflated(
                source,
                RangeOf(entry, dataStart),
                entry.Method == ZipConstants.MethodDeflated ? parallelism : 1,
                minParallelLength,
                forData));

    /// <summary>The deflate stream of <paramref name="entry"/>, whose data starts at <paramref name="dataStart"/>.</summary>
    public static DeflatedRange RangeOf(ZipEntryRecord entry, long dataStart) =>
        new(dataStart, entry.CompressedSize, entry.UncompressedSize, entry.Restarts);

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; 0 only at the member's end.</summary>
    /// <exception cref="MalformedArrayException">The compressed data is corrupt or ends early.</exception>
    public int Read(Span<byte> buffer)
    {
        try
        {
            return input.Read(buffer);
        }
        catch (CompressedDataException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> or throws: the member holds fewer bytes than its header needs.</summary>
    public void ReadExactly(Span<byte> buffer)
    {
        try
        {
            input.ReadExactly(buffer);
        }
        catch (CompressedDataException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>Passes over <paramref name="count"/> bytes without hashing them.</summary>
    public void Skip(long count)
    {
        try
        {
            input.Skip(count);
        }
        catch (CompressedDataException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>Checks that nothing follows the declared size (a member must not inflate beyond it).</summary>
    /// <exception cref="MalformedArrayException">More data follows: the member lies about its size (a possible zip bomb).</exception>
    public void CheckEnd()
    {
        try
        {
            input.CheckEnd();
        }
        catch (CompressedDataException e)
        {
            throw Translate(e);
        }
    }

    public MalformedArrayException Truncated() => Truncated(Produced);

    public void Dispose() => input.Dispose();

    private MalformedArrayException Truncated(long produced) => new(
        $"member '{Entry.FileName}' is truncated or corrupt: its data ends after {produced} of the {Entry.UncompressedSize} bytes its directory entry declares");

    // The one place the compression library's data errors get the member's name and the archive's wording.
    private MalformedArrayException Translate(CompressedDataException e) => e.Problem switch
    {
        CompressedDataProblem.Truncated => Truncated(e.Offset),
        CompressedDataProblem.Corrupt => new MalformedArrayException(
            $"member '{Entry.FileName}' is corrupt: its deflate data is invalid after {e.Offset} inflated bytes",
            e.InnerException ?? e),
        CompressedDataProblem.Overlong => new MalformedArrayException(
            $"member '{Entry.FileName}' inflates beyond the {Entry.UncompressedSize} bytes its directory entry declares; refusing it (corrupt archive or zip bomb)"),
        _ => new MalformedArrayException($"archive is truncated: member data ends at offset {e.Offset}"),
    };
}
