using Formats.Npy;
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

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        var info = Describe(Find(name));
        var array = info.Npy.Array;
        var skip = 0L;
        var full = true;
        if (rows is { } r)
        {
            if (array.Shape.Rank == 0)
            {
                throw new ArrayFormatException("a 0-d array has no rows to select");
            }

            if (NpyHeaderCodec.IsFortranOnly(array))
            {
                throw new ArrayFormatException($"row selection needs a C-order array; member '{info.Entry.ArrayName}' is Fortran-ordered");
            }

            if (r.Start < 0 || r.Stop > array.Shape[0] || r.Start > r.Stop)
            {
                throw new ArrayFormatException($"rows [{r.Start}, {r.Stop}) are outside member '{info.Entry.ArrayName}''s {array.Shape[0]} rows");
            }

            full = r.Start == 0 && r.Stop == array.Shape[0];
            skip = r.Start * array.RowByteLength;
            array = array with { Shape = array.Shape.WithLength0(r.Count) };
        }

        var trailing = info.Entry.UncompressedSize - info.Npy.DataOffset - info.Npy.Array.ByteLength;
        // A full read may inflate ahead on several threads; a row selection reads only what it needs.
        var input = MemberInput.Open(source, info.Entry, info.DataStart, full ? options.MaxDegreeOfParallelism : 1, MinParallelLength, forData: true);
        return new MemberReadStream(array, input, info.Npy.DataOffset, skip, full, trailing);
    }

    /// <summary>The member <paramref name="name"/> names: <c>a</c> or <c>a.npy</c>; the only member when null.</summary>
    /// <exception cref="ArrayFormatException">No such member, or several and none named.</exception>
    public ZipEntryRecord Find(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return members.Count == 1
                ? members[0]
                : throw new ArrayFormatException(members.Count == 0
                    ? "the archive holds no arrays"
                    : $"the archive holds {members.Count} arrays ({string.Join(", ", members.Select(m => m.ArrayName))}); name one");
        }

        return members.FirstOrDefault(m => m.FileName == name)
            ?? members.FirstOrDefault(m => m.ArrayName == name && m.FileName.EndsWith(".npy", StringComparison.Ordinal))
            ?? throw new ArrayFormatException($"no member '{name}'; members: {string.Join(", ", members.Select(m => m.ArrayName))}");
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
        var dataStart = ZipLocalHeader.DataStart(source, entry, directory.CentralDirectoryOffset);
        NpyHeader npy;
        using (var input = MemberInput.Open(source, entry, dataStart))
        {
            npy = ReadNpyHeader(entry, new MemberInputStream(input));
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
                if (entry.UncompressedSize > entry.CompressedSize * options.MaxCompressionRatio + 64)
                {
                    throw new MalformedArrayException(
                        $"member '{entry.FileName}' declares {entry.UncompressedSize} bytes from {entry.CompressedSize} compressed, a ratio above the limit of {options.MaxCompressionRatio}; refusing a possible zip bomb (raise MaxCompressionRatio only for trusted files)");
                }

                break;
            default:
                throw new UnsupportedArrayException(
                    $"member '{entry.FileName}' is compressed with {entry.MethodName}; only stored and deflate members (what NumPy writes) are supported");
        }
    }

    private NpyHeader ReadNpyHeader(ZipEntryRecord entry, Stream stream)
    {
        try
        {
            return NpyHeaderCodec.Read(stream, options.MaxHeaderSize, entry.UncompressedSize);
        }
        catch (MalformedArrayException e) when (e.Problem.StartsWith("not an NPY file", StringComparison.Ordinal)
            || e.Problem.StartsWith("file ends inside the NPY magic", StringComparison.Ordinal))
        {
            throw new MalformedArrayException($"member '{entry.FileName}' is not an NPY array: {e.Problem}", e);
        }
        catch (MalformedArrayException e) when (!e.Problem.StartsWith("member '", StringComparison.Ordinal))
        {
            throw new MalformedArrayException($"member '{entry.FileName}': {e.Problem}", e);
        }
        catch (UnsupportedArrayException e)
        {
            throw new UnsupportedArrayException($"member '{entry.FileName}': {e.Problem}");
        }
    }

    private ArrayEntry ToEntry(MemberInfo info) => new(info.Entry.ArrayName, info.Npy.Array)
    {
        Version = info.Npy.Version,
        Compressed = info.Entry.Method == ZipConstants.MethodDeflated,
        StoredLength = info.Entry.CompressedSize,
        DataOffset = info.Entry.Method == ZipConstants.MethodStored ? source.Origin + info.DataStart + info.Npy.DataOffset : null,
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
