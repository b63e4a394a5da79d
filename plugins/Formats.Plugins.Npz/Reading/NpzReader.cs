using Formats.Numpy;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Reading;

/// <summary>
/// Reads an NPZ: the central directory on construction (sizes from it, never from local headers), each member's
/// NPY header on first use (inflating only the header of deflated members), data on demand.
/// </summary>
internal sealed class NpzReader : IArrayReader
{
    private readonly ZipSource source;
    private readonly ZipDirectory directory;
    private readonly ArrayReadOptions options;
    private readonly List<ZipEntryRecord> members;
    private readonly Dictionary<string, MemberInfo> described = new(StringComparer.Ordinal);
    private IReadOnlyList<ArrayEntry>? entries;

    public NpzReader(Stream stream, ArrayReadOptions options)
    {
        source = new ZipSource(stream);
        directory = ZipDirectory.Read(source);
        this.options = options;
        members = [.. directory.Entries.Where(e => !e.IsDirectory)];
    }

    /// <summary>Members this long or longer may inflate on several threads (tests lower it to use small members).</summary>
    internal long MinParallelLength { get; init; } = MemberInput.MinParallelLength;

    /// <summary>The archive's central directory.</summary>
    public ZipDirectory Directory => directory;

    /// <summary>The archive's bytes.</summary>
    public ZipSource Source => source;

    public IReadOnlyList<ArrayEntry> Entries => entries ??= [.. members.Select(m => ToEntry(Describe(m)))];

    public IReadOnlyList<string> Names => [.. members.Select(m => m.ArrayName)];

    // From the central directory alone: no member's local header or NPY header is read.
    public IReadOnlyList<ArrayMember> Members => [.. members.Select(m => new ArrayMember(m.ArrayName)
    {
        Compressed = m.Method == ZipConstants.MethodDeflated,
        StoredLength = m.CompressedSize,
        UnpackedLength = m.UncompressedSize,
    })];

    public ArrayEntry Describe(string name) => ToEntry(Describe(Find(name)));

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        var info = Describe(Find(name));
        var array = info.Npy.Array;
        var whole = new DataRange(0, array.ByteLength);
        if (RowSelection.Locate(array, rows, whole) is not { } range)
        {
            // Rows of a Fortran-ordered member: gathered from its data read forward, which a partial read cannot CRC-check.
            return RowSelection.Open(OpenMember(info, array, whole, full: false), 0, array, rows);
        }

        var full = range.Length == array.ByteLength;
        return OpenMember(info, rows is { } selected ? RowSelection.Select(array, selected) : array, range, full);
    }

    /// <summary>
    /// The member <paramref name="name"/> names: its array name as listed (so <c>x.npy</c> is the member
    /// <c>x.npy.npy</c>), its file name, or <c>a</c> for <c>a.npy</c>; the only member when null.
    /// </summary>
    /// <exception cref="MemberNotFoundException">No such member, or several and none named.</exception>
    public ZipEntryRecord Find(string? name) =>
        (name is not null ? members.FirstOrDefault(m => m.ArrayName == name) ?? members.FirstOrDefault(m => m.FileName == name) : null)
        ?? MemberNames.Select(members, m => m.ArrayName, name);

    // A full read may inflate ahead on several threads and checks the CRC; a partial read reads only what it needs.
    private MemberReadStream OpenMember(MemberInfo info, ArrayHeader header, DataRange range, bool full)
    {
        var trailing = info.Entry.UncompressedSize - info.Npy.DataOffset - info.Npy.Array.ByteLength;
        var input = MemberInput.Open(source, info.Entry, info.DataStart, full ? options.MaxDegreeOfParallelism : 1, MinParallelLength, forData: true);
        return new MemberReadStream(header, input, info.Npy.DataOffset, range.Offset, full, trailing);
    }

    /// <summary>Checks a member and reads its NPY header (once).</summary>
    public MemberInfo Describe(ZipEntryRecord entry)
    {
        lock (described)
        {
            if (described.TryGetValue(entry.FileName, out var known))
            {
                return known;
            }
        }

        CheckReadable(entry, options);
        var dataStart = ZipLocalHeader.DataStart(source, entry, directory.DataLimit(entry));
        NpyHeader npy;
        using (var input = MemberInput.Open(source, entry, dataStart))
        {
            npy = ReadNpyHeader(entry, input);
        }

        if (npy.DataOffset + npy.Array.ByteLength > entry.UncompressedSize)
        {
            throw new MalformedArrayException(
                $"member '{entry.FileName}' is truncated: its NPY header declares {npy.Array.ByteLength} data bytes ({npy.Array.DType} {npy.Array.Shape}) but the member holds only {Math.Max(0, entry.UncompressedSize - npy.DataOffset)}");
        }

        var info = new MemberInfo(entry, dataStart, npy);
        lock (described)
        {
            described[entry.FileName] = info;
        }

        return info;
    }

    /// <summary>Refuses members this reader cannot or will not inflate: encrypted, unknown methods, zip bombs.</summary>
    public static void CheckReadable(ZipEntryRecord entry, ArrayReadOptions options)
    {
        if (entry.IsEncrypted)
        {
            throw new UnsupportedArrayException($"member '{entry.FileName}' is encrypted; encrypted archives are not supported");
        }

        switch (entry.Method)
        {
            case ZipConstants.MethodStored:
                if (entry.CompressedSize != entry.UncompressedSize)
                {
                    throw new MalformedArrayException(
                        $"archive is corrupt: stored member '{entry.FileName}' declares {entry.UncompressedSize} bytes but occupies {entry.CompressedSize}");
                }

                break;
            case ZipConstants.MethodDeflated:
                var limit = (options.Get<DecompressionLimits>() ?? DecompressionLimits.Default).MaxCompressionRatio;
                if (entry.UncompressedSize > entry.CompressedSize * limit + 64)
                {
                    throw new MalformedArrayException(
                        $"member '{entry.FileName}' declares {entry.UncompressedSize} bytes from {entry.CompressedSize} compressed, a ratio above the limit of {limit}; refusing a possible zip bomb (raise MaxCompressionRatio only for trusted files)");
                }

                break;
            default:
                throw new UnsupportedArrayException(
                    $"member '{entry.FileName}' is compressed with {entry.MethodName}; only stored and deflate members (what NumPy writes) are supported");
        }
    }

    // Errors of the member's data (already naming the member) pass as they are; the NPY header's own are prefixed with it.
    private NpyHeader ReadNpyHeader(ZipEntryRecord entry, MemberInput input)
    {
        var stream = new MemberInputStream(input);
        try
        {
            return NpyHeaderCodec.Read(stream, options.MaxHeaderSize, entry.UncompressedSize);
        }
        catch (NotNpyDataException e) when (!stream.Failed)
        {
            throw new MalformedArrayException($"member '{entry.FileName}' is not an NPY array: {e.Problem}", e);
        }
        catch (MalformedArrayException e) when (!stream.Failed)
        {
            throw new MalformedArrayException($"member '{entry.FileName}': {e.Problem}", e);
        }
        catch (UnsupportedArrayException e) when (!stream.Failed)
        {
            throw new UnsupportedArrayException($"member '{entry.FileName}': {e.Problem}", e);
        }
    }

    private ArrayEntry ToEntry(MemberInfo info) => new(info.Entry.ArrayName, info.Npy.Array)
    {
        Version = info.Npy.Version,
        Compressed = info.Entry.Method == ZipConstants.MethodDeflated,
        HasChecksum = true,
        StoredLength = info.Entry.CompressedSize,
        UnpackedLength = info.Entry.UncompressedSize,
        Data = info.Entry.Method == ZipConstants.MethodStored
            ? new DataRange(source.Origin + info.DataStart + info.Npy.DataOffset, info.Npy.Array.ByteLength)
            : null,
    };

    public void Dispose()
    {
        // The stream belongs to the caller.
    }

    /// <summary>A member checked and its NPY header read.</summary>
    /// <param name="Entry">The directory entry.</param>
    /// <param name="DataStart">Archive offset of the member's first byte (its NPY magic).</param>
    /// <param name="Npy">The member's NPY preamble.</param>
    internal sealed record MemberInfo(ZipEntryRecord Entry, long DataStart, NpyHeader Npy);
}
