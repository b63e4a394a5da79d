using System.Buffers.Binary;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>The <c>crc32c</c> codec: a little-endian CRC-32C (Castagnoli) of the bytes, appended.</summary>
internal sealed class Crc32cCodec : IBytesCodec
{
    private static readonly uint[] Table = BuildTable();

    public string Name => "crc32c";

    public byte[] Decode(byte[] data, long expected)
    {
        if (data.Length < 4)
        {
            throw new MalformedArrayException($"a crc32c chunk of {data.Length} bytes is too short to hold its checksum");
        }

        var body = data.AsSpan(0, data.Length - 4);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4));
        var actual = Compute(body);
        return stored == actual ? body.ToArray() : throw new MalformedArrayException($"crc32c checksum mismatch: stored 0x{stored:x8}, computed 0x{actual:x8}");
    }

    public byte[] Encode(ReadOnlySpan<byte> data)
    {
        var result = new byte[data.Length + 4];
        data.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(data.Length), Compute(data));
        return result;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
