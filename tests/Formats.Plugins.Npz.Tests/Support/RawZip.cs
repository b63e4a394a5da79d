using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Formats.Plugins.Npz.Tests.Support;

/// <summary>One hand-made zip member: every field can lie, for the bad-input tests.</summary>
internal sealed record RawMember
{
    public required string Name { get; init; }

    /// <summary>The bytes as stored in the archive (compressed for deflate).</summary>
    public required byte[] Stored { get; init; }

    /// <summary>The uncompressed bytes, for the CRC and the declared size unless overridden.</summary>
    public required byte[] Content { get; init; }

    public ushort Method { get; init; }

    public ushort Flags { get; init; }

    public uint? Crc { get; init; }

    public long? DeclaredSize { get; init; }

    /// <summary>The name bytes as stored, instead of <see cref="Name"/> in UTF-8 (for legacy code-page names).</summary>
    public byte[]? RawName { get; init; }

    /// <summary>Extra fields for the central header.</summary>
    public byte[] CentralExtra { get; init; } = [];

    public static RawMember StoredMember(string name, byte[] content) => new() { Name = name, Stored = content, Content = content };

    public static RawMember DeflatedMember(string name, byte[] content) =>
        new() { Name = name, Stored = Deflate(content), Content = content, Method = 8 };

    public static byte[] Deflate(ReadOnlySpan<byte> content, bool final = true)
    {
        var sink = new MemoryStream();
        var deflate = new DeflateStream(sink, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(content);
        if (final)
        {
            deflate.Dispose();
            return sink.ToArray();
        }

        deflate.Flush();
        var bytes = sink.ToArray();
        deflate.Dispose();
        return bytes;
    }
}

/// <summary>Builds zip archives field by field (Zip64 extras in the central directory where sizes need them).</summary>
internal static class RawZip
{
    public static byte[] Build(IEnumerable<RawMember> members, byte[]? prefix = null, string comment = "")
    {
        var output = new MemoryStream();
        output.Write(prefix ?? []);
        var central = new MemoryStream();
        var count = 0;
        foreach (var m in members)
        {
            var name = m.RawName ?? Encoding.UTF8.GetBytes(m.Name);
            var flags = (ushort)(m.Flags | (m.RawName is null && Encoding.UTF8.GetByteCount(m.Name) != m.Name.Length ? 0x800 : 0));
            var crc = m.Crc ?? Crc32.HashToUInt32(m.Content);
            var size = m.DeclaredSize ?? m.Content.Length;
            var offset = output.Position - (prefix?.Length ?? 0);
            var zip64 = size >= uint.MaxValue;

            var local = new byte[30];
            BinaryPrimitives.WriteUInt32LittleEndian(local, 0x04034B50);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(6), flags);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(8), m.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(12), 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(14), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(18), (uint)m.Stored.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(22), zip64 ? uint.MaxValue : (uint)size);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(26), (ushort)name.Length);
            output.Write(local);
            output.Write(name);
            output.Write(m.Stored);

            var header = new byte[46];
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014B50);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 0x0314);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), flags);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), m.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)m.Stored.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), zip64 ? uint.MaxValue : (uint)size);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(30), (ushort)((zip64 ? 12 : 0) + m.CentralExtra.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), (uint)offset);
            central.Write(header);
            central.Write(name);
            if (zip64)
            {
                var extra = new byte[12];
                BinaryPrimitives.WriteUInt16LittleEndian(extra, 1);
                BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), 8);
                BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(4), size);
                central.Write(extra);
            }

            central.Write(m.CentralExtra);

            count++;
        }

        var directoryOffset = output.Position - (prefix?.Length ?? 0);
        central.Position = 0;
        central.CopyTo(output);
        var commentBytes = Encoding.ASCII.GetBytes(comment);
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054B50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)central.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)directoryOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(20), (ushort)commentBytes.Length);
        output.Write(end);
        output.Write(commentBytes);
        return output.ToArray();
    }
}
