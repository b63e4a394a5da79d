using Formats.Compression;
using Formats.Plugins.Npz.Reading;
using Formats.Plugins.Npz.Writing;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Tests.Support;

/// <summary>Archives of deflated members cut into small pieces (so a few KiB already have many), and ways to look inside.</summary>
internal static class IndexedNpz
{
    /// <summary>Writes <paramref name="members"/> deflated in <paramref name="pieceSize"/>-byte pieces; returns the archive.</summary>
    public static byte[] Write(int pieceSize, params (string Name, ArrayHeader Header, byte[] Data)[] members)
    {
        var stream = new MemoryStream();
        using (var writer = new NpzWriter(stream, new ArrayWriteOptions { Compress = true, MaxDegreeOfParallelism = 2 }, pieceSize))
        {
            foreach (var (name, header, data) in members)
            {
                using var sink = writer.BeginArray(name, header);
                sink.Write(data);
                sink.Complete();
            }

            writer.Complete();
        }

        return stream.ToArray();
    }

    /// <summary>A uint8 member of <paramref name="length"/> bytes that compresses, but not to nothing.</summary>
    public static (string Name, ArrayHeader Header, byte[] Data) Bytes(string name, int length, int seed = 1)
    {
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)((i / 64) + random.Next(4));
        }

        return (name, ArrayHeader.Create(DType.UInt8, length), data);
    }

    /// <summary>The member's directory entry (restart index included) as our reader parses it.</summary>
    public static ZipEntryRecord Entry(byte[] archive, string fileName) =>
        ZipDirectory.Read(new ZipSource(new MemoryStream(archive))).Entries.Single(e => e.FileName == fileName);

    /// <summary>The member's deflate stream as the compression library sees it (data start left at 0).</summary>
    public static DeflatedRange Range(byte[] archive, string fileName) => MemberInput.RangeOf(Entry(archive, fileName), 0);

    /// <summary>The member's stored (compressed) bytes.</summary>
    public static byte[] Stored(byte[] archive, string fileName)
    {
        var source = new ZipSource(new MemoryStream(archive));
        var directory = ZipDirectory.Read(source);
        var entry = directory.Entries.Single(e => e.FileName == fileName);
        var bytes = new byte[entry.CompressedSize];
        source.ReadExactlyAt(ZipLocalHeader.DataStart(source, entry, directory.CentralDirectoryOffset), bytes, "member");
        return bytes;
    }

    /// <summary>The member's input as the reader opens it for a full read with <paramref name="parallelism"/> threads.</summary>
    public static MemberInput OpenInput(byte[] archive, string fileName, int parallelism)
    {
        var source = new ZipSource(new MemoryStream(archive));
        var directory = ZipDirectory.Read(source);
        var entry = directory.Entries.Single(e => e.FileName == fileName);
        return MemberInput.Open(source, entry, ZipLocalHeader.DataStart(source, entry, directory.CentralDirectoryOffset), parallelism, minParallelLength: 0);
    }

    /// <summary>Reads all of <paramref name="input"/> in <paramref name="step"/>-byte reads.</summary>
    public static byte[] ReadAll(MemberInput input, int step = 10_000)
    {
        var result = new MemoryStream();
        var buffer = new byte[step];
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        return result.ToArray();
    }

    /// <summary>Reads one member through the format's reader with <paramref name="parallelism"/> threads.</summary>
    public static byte[] Read(byte[] archive, string name, int parallelism, RowRange? rows = null)
    {
        // Small members would read sequentially: lower the threshold so these few-KiB members use the parallel input.
        using var reader = new NpzReader(new MemoryStream(archive), new ArrayReadOptions { MaxDegreeOfParallelism = parallelism }) { MinParallelLength = 0 };
        return NpzTest.ReadAll(reader, name, rows);
    }

    /// <summary>
    /// The extra field (ID, size, data) for an index of <paramref name="segmentLength"/> and these lengths, made by
    /// hand as docs/npz.md describes it, so tests can write what our writer never would.
    /// </summary>
    public static byte[] Field(long segmentLength, params long[] compressedLengths) => FieldOfVersion(RestartIndexExtra.Version, segmentLength, compressedLengths);

    /// <summary>As <see cref="Field(long, long[])"/> with any version byte.</summary>
    public static byte[] FieldOfVersion(byte version, long segmentLength, params long[] compressedLengths) =>
        WithHeader([.. "NPZR"u8, version, .. Varint(segmentLength), .. compressedLengths.SelectMany(Varint)]);

    /// <summary>An extra field with ID <see cref="RestartIndexExtra.Id"/> around <paramref name="data"/>.</summary>
    public static byte[] WithHeader(byte[] data) =>
        [RestartIndexExtra.Id & 0xFF, RestartIndexExtra.Id >> 8, (byte)data.Length, (byte)(data.Length >> 8), .. data];

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
