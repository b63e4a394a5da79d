using System.Buffers.Binary;
using System.Text;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// The central directory of an archive, read from the end of the file: end record, Zip64 end record, then every
/// member's central header. Every size and offset is checked against the file before it is used, so a
/// truncated or hostile directory fails with <see cref="MalformedArrayException"/> and never allocates what it claims.
/// A member's restart index is kept only if it fits the member exactly; otherwise it is dropped, not an error.
/// </summary>
internal sealed class ZipDirectory
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private long[]? headerOffsets;

    private ZipDirectory(IReadOnlyList<ZipEntryRecord> entries, long centralDirectoryOffset)
    {
        Entries = entries;
        CentralDirectoryOffset = centralDirectoryOffset;
    }

    /// <summary>Members in directory order.</summary>
    public IReadOnlyList<ZipEntryRecord> Entries { get; }

    /// <summary>Where the central directory starts (archive-relative): member data must end before it.</summary>
    public long CentralDirectoryOffset { get; }

    /// <summary>
    /// Where <paramref name="entry"/>'s data must end by: the next local header in the file, or the central directory.
    /// Python's <c>zipfile</c> (and so <c>np.load</c>) refuses a member whose compressed size reaches past it
    /// ("Overlapped entries", a zip bomb's trick).
    /// </summary>
    public long DataLimit(ZipEntryRecord entry)
    {
        // Sorted once (an archive may have many members): the first local header after this one's.
        var offsets = headerOffsets ??= [.. Entries.Select(e => e.LocalHeaderOffset).Append(CentralDirectoryOffset).Order()];
        var i = Array.BinarySearch(offsets, entry.LocalHeaderOffset + 1);
        i = i >= 0 ? i : ~i;
        return i < offsets.Length ? Math.Min(offsets[i], CentralDirectoryOffset) : CentralDirectoryOffset;
    }

    /// <exception cref="MalformedArrayException">The archive is not a zip, is truncated or its directory is corrupt.</exception>
    public static ZipDirectory Read(ZipSource source)
    {
        var length = source.Length;
        if (length < ZipConstants.EndOfCentralDirectoryLength)
        {
            throw new MalformedArrayException($"archive is truncated or not a zip: {length} bytes cannot hold a zip end-of-central-directory record");
        }

        var tailLength = (int)Math.Min(length, ZipConstants.EndOfCentralDirectoryLength + ZipConstants.MaxCommentLength);
        var tail = new byte[tailLength];
        source.ReadExactlyAt(length - tailLength, tail, "end of the archive");
        var eocdInTail = FindEndRecord(tail);
        if (eocdInTail < 0)
        {
            throw new MalformedArrayException(
                "archive is truncated or not a zip: no end-of-central-directory record in its last bytes");
        }

        var eocdPosition = length - tailLength + eocdInTail;
        var eocd = tail.AsSpan(eocdInTail, ZipConstants.EndOfCentralDirectoryLength);
        var disk = BinaryPrimitives.ReadUInt16LittleEndian(eocd[4..]);
        var cdDisk = BinaryPrimitives.ReadUInt16LittleEndian(eocd[6..]);
        long count = BinaryPrimitives.ReadUInt16LittleEndian(eocd[10..]);
        long cdSize = BinaryPrimitives.ReadUInt32LittleEndian(eocd[12..]);
        long cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(eocd[16..]);
        var directoryEnd = eocdPosition;

        if (eocdPosition >= ZipConstants.Zip64LocatorLength)
        {
            Span<byte> locator = stackalloc byte[ZipConstants.Zip64LocatorLength];
            source.ReadExactlyAt(eocdPosition - ZipConstants.Zip64LocatorLength, locator, "Zip64 end-of-central-directory locator");
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == ZipConstants.Zip64LocatorSignature)
            {
                // As Python's zipfile: the Zip64 end record sits right before its locator.
                var recordPosition = eocdPosition - ZipConstants.Zip64LocatorLength - ZipConstants.Zip64EndOfCentralDirectoryLength;
                if (recordPosition < 0)
                {
                    throw new MalformedArrayException("archive is truncated: the Zip64 end-of-central-directory record is missing");
                }

                Span<byte> record = stackalloc byte[ZipConstants.Zip64EndOfCentralDirectoryLength];
                source.ReadExactlyAt(recordPosition, record, "Zip64 end-of-central-directory record");
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != ZipConstants.Zip64EndOfCentralDirectorySignature)
                {
                    throw new MalformedArrayException("archive is corrupt: the Zip64 locator does not point at a Zip64 end-of-central-directory record");
                }

                disk = (ushort)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(record[16..]), ushort.MaxValue);
                cdDisk = (ushort)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(record[20..]), ushort.MaxValue);
                count = CheckedLong(BinaryPrimitives.ReadUInt64LittleEndian(record[32..]), "member count");
                cdSize = CheckedLong(BinaryPrimitives.ReadUInt64LittleEndian(record[40..]), "central directory size");
                cdOffset = CheckedLong(BinaryPrimitives.ReadUInt64LittleEndian(record[48..]), "central directory offset");
                directoryEnd = recordPosition;
            }
        }

        if (disk != 0 || cdDisk != 0)
        {
            throw new UnsupportedArrayException("multi-disk (split) zip archives are not supported");
        }

        // Bytes prepended to the archive (self-extractors, concatenation) shift every offset; Python allows it too.
        var concat = directoryEnd - cdSize - cdOffset;
        if (cdSize > directoryEnd || concat < 0)
        {
            throw new MalformedArrayException(
                $"archive is truncated or corrupt: its central directory ({cdSize} bytes at offset {cdOffset}) does not fit before the end record at {directoryEnd}");
        }

        var cdStart = cdOffset + concat;
        var entries = ReadEntries(source, cdStart, cdSize, count, concat);
        return new ZipDirectory(entries, cdStart);
    }

    private static int FindEndRecord(ReadOnlySpan<byte> tail)
    {
        for (var i = tail.Length - ZipConstants.EndOfCentralDirectoryLength; i >= 0; i--)
        {
            if (tail[i] == 0x50 && BinaryPrimitives.ReadUInt32LittleEndian(tail[i..]) == ZipConstants.EndOfCentralDirectorySignature)
            {
                var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail[(i + 20)..]);
                if (i + ZipConstants.EndOfCentralDirectoryLength + commentLength <= tail.Length)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static List<ZipEntryRecord> ReadEntries(ZipSource source, long cdStart, long cdSize, long declaredCount, long concat)
    {
        // Each central header takes at least 46 bytes: a count the directory cannot hold is corrupt.
        if (declaredCount > cdSize / ZipConstants.CentralHeaderLength)
        {
            throw new MalformedArrayException(
                $"archive is corrupt: the end record declares {declaredCount} members but the central directory has only {cdSize} bytes");
        }

        if (cdSize > int.MaxValue)
        {
            throw new UnsupportedArrayException($"central directory of {cdSize} bytes is too large");
        }

        var cd = new byte[cdSize];
        source.ReadExactlyAt(cdStart, cd, "central directory");
        var entries = new List<ZipEntryRecord>((int)declaredCount);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pos = 0;
        while (pos < cd.Length)
        {
            var span = cd.AsSpan(pos);
            if (span.Length < ZipConstants.CentralHeaderLength)
            {
                throw new MalformedArrayException($"archive is corrupt: the central directory ends inside member #{entries.Count + 1}'s header");
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(span) != ZipConstants.CentralHeaderSignature)
            {
                throw new MalformedArrayException(
                    $"archive is corrupt: central directory entry #{entries.Count + 1} has a bad signature (0x{BinaryPrimitives.ReadUInt32LittleEndian(span):X8})");
            }

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(span[10..]);
            var time = BinaryPrimitives.ReadUInt16LittleEndian(span[12..]);
            var date = BinaryPrimitives.ReadUInt16LittleEndian(span[14..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(span[16..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(span[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[32..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(span[42..]);
            var total = ZipConstants.CentralHeaderLength + nameLength + extraLength + commentLength;
            if (span.Length < total)
            {
                throw new MalformedArrayException($"archive is corrupt: the central directory ends inside member #{entries.Count + 1}'s name or extra fields");
            }

            var rawName = span.Slice(ZipConstants.CentralHeaderLength, nameLength).ToArray();
            var extra = span.Slice(ZipConstants.CentralHeaderLength + nameLength, extraLength);
            var name = DecodeName(rawName, flags, extra, entries.Count + 1);
            ApplyZip64(extra, ref uncompressed, ref compressed, ref offset, name);
            if (!names.Add(name))
            {
                throw new MalformedArrayException($"archive is corrupt: member '{name}' appears twice in the central directory");
            }

            var local = offset + concat;
            if (local < 0 || local + ZipConstants.LocalHeaderLength > cdStart || compressed > cdStart - local)
            {
                throw new MalformedArrayException(
                    $"archive is truncated or corrupt: member '{name}' ({compressed} bytes at offset {offset}) lies outside the member data");
            }

            entries.Add(new ZipEntryRecord
            {
                FileName = name,
                RawName = rawName,
                Flags = flags,
                Method = method,
                Crc32 = crc,
                CompressedSize = compressed,
                UncompressedSize = uncompressed,
                LocalHeaderOffset = local,
                DosTime = time,
                DosDate = date,
                Restarts = method == ZipConstants.MethodDeflated
                    ? RestartIndexExtra.TryDecode(FindExtra(extra, RestartIndexExtra.Id), compressed, uncompressed)
                    : null,
            });
            pos += total;
        }

        if (entries.Count != declaredCount && (entries.Count & 0xFFFF) != declaredCount)
        {
            throw new MalformedArrayException(
                $"archive is corrupt: the end record declares {declaredCount} members but the central directory holds {entries.Count}");
        }

        return entries;
    }

    // Zip64 extra: 8-byte values present only for the fields whose 32-bit slot is 0xFFFFFFFF, in this order.
    private static void ApplyZip64(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long offset, string name)
    {
        var field = FindExtra(extra, ZipConstants.Zip64ExtraId);
        var needed = (uncompressed == uint.MaxValue ? 1 : 0) + (compressed == uint.MaxValue ? 1 : 0) + (offset == uint.MaxValue ? 1 : 0);
        if (needed == 0)
        {
            return;
        }

        if (field.Length < needed * 8)
        {
            throw new MalformedArrayException($"archive is corrupt: member '{name}' lacks the Zip64 sizes its central header calls for");
        }

        var at = 0;
        if (uncompressed == uint.MaxValue)
        {
            uncompressed = CheckedLong(BinaryPrimitives.ReadUInt64LittleEndian(field[at..]), $"size of member '{name}'");
            at += 8;
        }

        if (compressed == uint.MaxValue)
        {
            compressed = CheckedLong(BinaryPrimitives.ReadUInt64LittleEndian(field[at..]), $"compressed size of member '{name}'");
            at += 8;
        }

        if (offset == uint.MaxValue)
        {
            offset = CheckedLong(BinaryPrimitives.ReadUInt64LittleEndian(field[at..]), $"offset of member '{name}'");
        }
    }

    /// <summary>The data of the first extra field with <paramref name="id"/>, or empty; malformed extra blocks end the search.</summary>
    public static ReadOnlySpan<byte> FindExtra(ReadOnlySpan<byte> extra, ushort id)
    {
        while (extra.Length >= 4)
        {
            var fieldId = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + size > extra.Length)
            {
                break;
            }

            if (fieldId == id)
            {
                return extra.Slice(4, size);
            }

            extra = extra[(4 + size)..];
        }

        return [];
    }

    private static string DecodeName(byte[] raw, ushort flags, ReadOnlySpan<byte> extra, int index)
    {
        // Info-ZIP's Unicode Path field carries a UTF-8 name for tools that do not set bit 11.
        var unicode = FindExtra(extra, ZipConstants.UnicodePathExtraId);
        if (unicode.Length > 5 && unicode[0] == 1
            && BinaryPrimitives.ReadUInt32LittleEndian(unicode[1..]) == System.IO.Hashing.Crc32.HashToUInt32(raw))
        {
            try
            {
                return StrictUtf8.GetString(unicode[5..]);
            }
            catch (DecoderFallbackException)
            {
                // Fall back to the stored name.
            }
        }

        if ((flags & ZipConstants.FlagUtf8) != 0)
        {
            try
            {
                return StrictUtf8.GetString(raw);
            }
            catch (DecoderFallbackException)
            {
                throw new MalformedArrayException($"archive is corrupt: member #{index}'s name is flagged UTF-8 but is not valid UTF-8");
            }
        }

        return Cp437.Decode(raw);
    }

    private static long CheckedLong(ulong value, string what) =>
        value <= long.MaxValue ? (long)value : throw new MalformedArrayException($"archive is corrupt: the {what} ({value}) is out of range");
}
