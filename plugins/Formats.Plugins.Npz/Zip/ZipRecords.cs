using System.Buffers.Binary;
using System.Text;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// Encodes zip records exactly as Python's <c>zipfile</c> writes them for <c>np.savez</c>: version 2.0 made by
/// Unix, date 1980-01-01, attributes 0o600, a Zip64 extra in every local header (NumPy forces Zip64), Zip64
/// fields in the central directory and the Zip64 end records only past Python's 2 GiB threshold.
/// </summary>
internal static class ZipRecords
{
    /// <summary>The stored name and its flags: ASCII as is, anything else UTF-8 with bit 11, as Python does.</summary>
    public static (byte[] Name, ushort Flags) EncodeName(string name)
    {
        var ascii = true;
        foreach (var c in name)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        return ascii ? (Encoding.ASCII.GetBytes(name), (ushort)0) : (Encoding.UTF8.GetBytes(name), ZipConstants.FlagUtf8);
    }

    /// <summary>Length of the Zip64 extra field every local header carries (ID, size, two 8-byte sizes).</summary>
    public const int LocalZip64ExtraLength = 20;

    /// <summary>
    /// Length of a local header for <paramref name="rawName"/> with its 20-byte Zip64 extra and an
    /// <see cref="AlignmentExtra"/> field of <paramref name="alignmentField"/> bytes (0: none).
    /// </summary>
    public static int LocalHeaderLength(byte[] rawName, int alignmentField = 0) =>
        ZipConstants.LocalHeaderLength + rawName.Length + LocalZip64ExtraLength + alignmentField;

    /// <summary>
    /// A local header with the Zip64 extra (Python's <c>FileHeader(zip64=True)</c>), then the record's
    /// <see cref="AlignmentExtra"/> field when it has one.
    /// </summary>
    public static byte[] LocalHeader(ZipEntryRecord r)
    {
        var descriptor = (r.Flags & ZipConstants.FlagDataDescriptor) != 0;
        var crc = descriptor ? 0 : r.Crc32;
        var compressed = descriptor ? 0 : r.CompressedSize;
        var uncompressed = descriptor ? 0 : r.UncompressedSize;
        var large = compressed > ZipConstants.Zip64Limit || uncompressed > ZipConstants.Zip64Limit;
        var header = new byte[LocalHeaderLength(r.RawName, r.AlignmentField)];
        var s = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, ZipConstants.LocalHeaderSignature);
        s[4] = large ? ZipConstants.Version45 : ZipConstants.Version20;
        s[5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], r.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], r.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], r.DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], r.DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(s[18..], large ? uint.MaxValue : (uint)compressed);
        BinaryPrimitives.WriteUInt32LittleEndian(s[22..], large ? uint.MaxValue : (uint)uncompressed);
        BinaryPrimitives.WriteUInt16LittleEndian(s[26..], (ushort)r.RawName.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)(LocalZip64ExtraLength + r.AlignmentField));
        r.RawName.CopyTo(s[30..]);
        var extra = s[(30 + r.RawName.Length)..];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, ZipConstants.Zip64ExtraId);
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 16);
        BinaryPrimitives.WriteUInt64LittleEndian(extra[4..], (ulong)uncompressed);
        BinaryPrimitives.WriteUInt64LittleEndian(extra[12..], (ulong)compressed);
        if (r.AlignmentField > 0)
        {
            AlignmentExtra.Write(extra[LocalZip64ExtraLength..], r.AlignmentField, r.Alignment);
        }

        return header;
    }

    /// <summary>A Zip64 data descriptor (Python's <c>&lt;LLQQ</c>), for output that cannot seek back.</summary>
    public static byte[] DataDescriptor(ZipEntryRecord r)
    {
        var d = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(d, ZipConstants.DataDescriptorSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(4), r.Crc32);
        BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(8), (ulong)r.CompressedSize);
        BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(16), (ulong)r.UncompressedSize);
        return d;
    }

    /// <summary>
    /// A central directory header (Python's <c>_write_end_record</c> loop body), with the member's restart index
    /// after the Zip64 field when it has one (only here: the local header is written before the data).
    /// </summary>
    public static byte[] CentralHeader(ZipEntryRecord r)
    {
        var fields = new List<ulong>(3);
        if (r.LargeSizes)
        {
            fields.Add((ulong)r.UncompressedSize);
            fields.Add((ulong)r.CompressedSize);
        }

        if (r.LocalHeaderOffset > ZipConstants.Zip64Limit)
        {
            fields.Add((ulong)r.LocalHeaderOffset);
        }

        var zip64Length = fields.Count == 0 ? 0 : 4 + (8 * fields.Count);
        var restarts = RestartIndexField(r, zip64Length);
        var extraLength = zip64Length + (restarts is null ? 0 : 4 + restarts.Length);
        var version = r.LargeSizes || fields.Count > 0 ? ZipConstants.Version45 : ZipConstants.Version20;
        var header = new byte[ZipConstants.CentralHeaderLength + r.RawName.Length + extraLength];
        var s = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, ZipConstants.CentralHeaderSignature);
        s[4] = version;
        s[5] = ZipConstants.CreateSystemUnix;
        s[6] = version;
        s[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], r.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], r.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(s[12..], r.DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(s[14..], r.DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], r.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], r.LargeSizes ? uint.MaxValue : (uint)r.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], r.LargeSizes ? uint.MaxValue : (uint)r.UncompressedSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)r.RawName.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[30..], (ushort)extraLength);
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 0); // comment
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 0); // disk
        BinaryPrimitives.WriteUInt16LittleEndian(s[36..], 0); // internal attributes
        BinaryPrimitives.WriteUInt32LittleEndian(s[38..], ZipConstants.ExternalAttributes);
        BinaryPrimitives.WriteUInt32LittleEndian(s[42..], r.LocalHeaderOffset > ZipConstants.Zip64Limit ? uint.MaxValue : (uint)r.LocalHeaderOffset);
        r.RawName.CopyTo(s[46..]);
        var extra = s[(46 + r.RawName.Length)..];
        if (zip64Length > 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(extra, ZipConstants.Zip64ExtraId);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)(8 * fields.Count));
            for (var i = 0; i < fields.Count; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(extra[(4 + (8 * i))..], fields[i]);
            }
        }

        if (restarts is not null)
        {
            extra = extra[zip64Length..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, RestartIndexExtra.Id);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)restarts.Length);
            restarts.CopyTo(extra[4..]);
        }

        return header;
    }

    // The restart index field's data for a deflated member that has one, unless it cannot share the 64 KiB of
    // extra fields with the Zip64 field (possible only for an index copied from an archive without Zip64 fields).
    private static byte[]? RestartIndexField(ZipEntryRecord r, int zip64Length)
    {
        if (r.Method != ZipConstants.MethodDeflated || r.Restarts is null)
        {
            return null;
        }

        var data = RestartIndexExtra.Encode(r.Restarts);
        return zip64Length + 4 + data.Length <= ushort.MaxValue ? data : null;
    }

    /// <summary>The end records: Zip64 end record and locator when needed, then the classic end record.</summary>
    public static byte[] EndRecords(long count, long directoryOffset, long directorySize)
    {
        var zip64 = count > ZipConstants.FileCountLimit || directoryOffset > ZipConstants.Zip64Limit || directorySize > ZipConstants.Zip64Limit;
        var length = ZipConstants.EndOfCentralDirectoryLength + (zip64 ? ZipConstants.Zip64EndOfCentralDirectoryLength + ZipConstants.Zip64LocatorLength : 0);
        var bytes = new byte[length];
        var s = bytes.AsSpan();
        if (zip64)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s, ZipConstants.Zip64EndOfCentralDirectorySignature);
            BinaryPrimitives.WriteUInt64LittleEndian(s[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(s[12..], ZipConstants.Version45);
            BinaryPrimitives.WriteUInt16LittleEndian(s[14..], ZipConstants.Version45);
            BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(s[20..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(s[24..], (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(s[32..], (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(s[40..], (ulong)directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(s[48..], (ulong)directoryOffset);
            var locator = s[ZipConstants.Zip64EndOfCentralDirectoryLength..];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, ZipConstants.Zip64LocatorSignature);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[4..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)(directoryOffset + directorySize));
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
            s = s[(ZipConstants.Zip64EndOfCentralDirectoryLength + ZipConstants.Zip64LocatorLength)..];
        }

        BinaryPrimitives.WriteUInt32LittleEndian(s, ZipConstants.EndOfCentralDirectorySignature);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], (ushort)Math.Min(count, 0xFFFF));
        BinaryPrimitives.WriteUInt16LittleEndian(s[10..], (ushort)Math.Min(count, 0xFFFF));
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)Math.Min(directorySize, uint.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)Math.Min(directoryOffset, uint.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], 0);
        return bytes;
    }
}
