using Formats.Compression;

namespace Formats.Plugins.Npz.Zip;

/// <summary>One member as the central directory describes it (sizes already taken from Zip64 fields).</summary>
internal sealed record ZipEntryRecord
{
    /// <summary>The full member name, e.g. <c>a.npy</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The name as stored, to compare with the local header.</summary>
    public required byte[] RawName { get; init; }

    public required ushort Flags { get; init; }

    public required ushort Method { get; init; }

    public required uint Crc32 { get; init; }

    public required long CompressedSize { get; init; }

    public required long UncompressedSize { get; init; }

    /// <summary>Offset of the local header from the archive's start (prepended data already accounted for).</summary>
    public required long LocalHeaderOffset { get; init; }

    /// <summary>DOS time and date, kept when the member is copied.</summary>
    public ushort DosTime { get; init; }

    /// <summary>DOS date (1980-01-01 for members we write, as Python's zipfile does for NumPy).</summary>
    public ushort DosDate { get; init; } = ZipConstants.DosDate1980;

    /// <summary>
    /// Where the deflate stream can be restarted (our writer's independent pieces), from the central directory's
    /// <see cref="RestartIndexExtra"/> field; null when absent, invalid, or the member is not deflated.
    /// </summary>
    public RestartIndex? Restarts { get; init; }

    /// <summary>
    /// Length of the <see cref="AlignmentExtra"/> field in the local header we write (0: none); never read back,
    /// the reader takes the data's start from the local header's extra length.
    /// </summary>
    public int AlignmentField { get; init; }

    /// <summary>The boundary the <see cref="AlignmentExtra"/> field states (with <see cref="AlignmentField"/>).</summary>
    public int Alignment { get; init; }

    /// <summary>True when a size needs the Zip64 fields of the central directory.</summary>
    public bool LargeSizes => UncompressedSize > ZipConstants.Zip64Limit || CompressedSize > ZipConstants.Zip64Limit;

    public bool IsEncrypted => (Flags & (ZipConstants.FlagEncrypted | ZipConstants.FlagStrongEncryption)) != 0;

    public bool IsDirectory => FileName.EndsWith('/') && UncompressedSize == 0;

    /// <summary>The array name: the member name without <c>.npy</c>.</summary>
    public string ArrayName => MemberNames.ArrayName(FileName);

    public string MethodName => Method switch
    {
        ZipConstants.MethodStored => "stored",
        ZipConstants.MethodDeflated => "deflate",
        1 => "shrink",
        6 => "implode",
        9 => "deflate64",
        12 => "bzip2",
        14 => "lzma",
        93 => "zstandard",
        95 => "xz",
        99 => "AES encryption",
        _ => $"method {Method}",
    };
}
