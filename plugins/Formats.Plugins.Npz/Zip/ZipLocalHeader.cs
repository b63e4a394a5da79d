using System.Buffers.Binary;

namespace Formats.Plugins.Npz.Zip;

/// <summary>Reads a member's local header only to find where its data starts; sizes come from the central directory.</summary>
internal static class ZipLocalHeader
{
    /// <summary>The archive-relative offset of the member's first data byte.</summary>
    /// <param name="source">The archive.</param>
    /// <param name="entry">The member.</param>
    /// <param name="dataLimit">Where its data must end by: the next local header or the central directory (<see cref="ZipDirectory.DataLimit"/>).</param>
    /// <exception cref="MalformedArrayException">The local header is missing, names another member, or the data runs past the limit.</exception>
    public static long DataStart(ZipSource source, ZipEntryRecord entry, long dataLimit)
    {
        Span<byte> header = stackalloc byte[ZipConstants.LocalHeaderLength];
        source.ReadExactlyAt(entry.LocalHeaderOffset, header, $"local header of member '{entry.FileName}'");
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != ZipConstants.LocalHeaderSignature)
        {
            throw new MalformedArrayException(
                $"archive is corrupt: member '{entry.FileName}' has no local header at offset {entry.LocalHeaderOffset} (bad signature)");
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        if (nameLength != entry.RawName.Length)
        {
            throw new MalformedArrayException($"archive is corrupt: the local header of member '{entry.FileName}' names a different file");
        }

        Span<byte> name = stackalloc byte[nameLength];
        source.ReadExactlyAt(entry.LocalHeaderOffset + ZipConstants.LocalHeaderLength, name, $"local header of member '{entry.FileName}'");
        if (!name.SequenceEqual(entry.RawName))
        {
            throw new MalformedArrayException($"archive is corrupt: the local header of member '{entry.FileName}' names a different file");
        }

        var start = entry.LocalHeaderOffset + ZipConstants.LocalHeaderLength + nameLength + extraLength;
        if (start > dataLimit || entry.CompressedSize > dataLimit - start)
        {
            throw new MalformedArrayException(
                $"archive is truncated or corrupt: member '{entry.FileName}' ({entry.CompressedSize} bytes from offset {start}) runs into the next member or the central directory at offset {dataLimit}");
        }

        return start;
    }
}
