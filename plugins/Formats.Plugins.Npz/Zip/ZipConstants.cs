namespace Formats.Plugins.Npz.Zip;

/// <summary>Signatures, record sizes and limits of the ZIP format (APPNOTE 6.3) as Python's <c>zipfile</c> uses them.</summary>
internal static class ZipConstants
{
    public const uint LocalHeaderSignature = 0x04034B50;
    public const uint CentralHeaderSignature = 0x02014B50;
    public const uint EndOfCentralDirectorySignature = 0x06054B50;
    public const uint Zip64EndOfCentralDirectorySignature = 0x06064B50;
    public const uint Zip64LocatorSignature = 0x07064B50;
    public const uint DataDescriptorSignature = 0x08074B50;

    public const int LocalHeaderLength = 30;
    public const int CentralHeaderLength = 46;
    public const int EndOfCentralDirectoryLength = 22;
    public const int Zip64EndOfCentralDirectoryLength = 56;
    public const int Zip64LocatorLength = 20;
    public const int MaxCommentLength = ushort.MaxValue;

    public const ushort Zip64ExtraId = 0x0001;
    public const ushort UnicodePathExtraId = 0x7075;

    /// <summary>General-purpose flag bit 0: the member is encrypted.</summary>
    public const ushort FlagEncrypted = 0x0001;

    /// <summary>Bit 3: CRC and sizes follow the data in a data descriptor.</summary>
    public const ushort FlagDataDescriptor = 0x0008;

    /// <summary>Bit 6: strong encryption.</summary>
    public const ushort FlagStrongEncryption = 0x0040;

    /// <summary>Bit 11: the name (and comment) is UTF-8.</summary>
    public const ushort FlagUtf8 = 0x0800;

    /// <summary>Bit 13: the central directory is encrypted (local header values masked).</summary>
    public const ushort FlagMaskedHeaders = 0x2000;

    public const ushort MethodStored = 0;
    public const ushort MethodDeflated = 8;

    /// <summary>Python's <c>DEFAULT_VERSION</c> (2.0) and <c>ZIP64_VERSION</c> (4.5).</summary>
    public const byte Version20 = 20;
    public const byte Version45 = 45;

    /// <summary>"Made by" host system: 3 = Unix, as Python writes on Linux.</summary>
    public const byte CreateSystemUnix = 3;

    /// <summary>Python's external attributes for <c>ZipInfo</c> members: <c>0o600 &lt;&lt; 16</c>.</summary>
    public const uint ExternalAttributes = 0x0180_0000;

    /// <summary>DOS date of 1980-01-01 (NumPy's fixed <c>date_time</c>); time 00:00:00 is 0.</summary>
    public const ushort DosDate1980 = 0x0021;

    /// <summary>
    /// Python's <c>ZIP64_LIMIT</c> (2 GiB - 1): sizes and offsets above it go into Zip64 fields. Using Python's
    /// threshold rather than the 4 GiB the format allows keeps stored archives byte-identical to <c>np.savez</c>.
    /// </summary>
    public const long Zip64Limit = (1L << 31) - 1;

    /// <summary>Python's <c>ZIP_FILECOUNT_LIMIT</c>.</summary>
    public const int FileCountLimit = ushort.MaxValue;
}
