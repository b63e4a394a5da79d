using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>
/// Sharded stores made by an independent writer (Python, NumPy, gzip and a bitwise CRC-32C, from the v3 spec's
/// sharding_indexed text): edge shards, absent inner chunks, a missing shard, the index at either end.
/// </summary>
public sealed class ShardingTests
{
    private const string Writer = """
        import gzip, struct
        loc = sys.argv[1]
        def crc32c(b):
            crc = 0xffffffff
            for x in b:
                crc ^= x
                for _ in range(8):
                    crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
            return crc ^ 0xffffffff
        a = np.arange(10 * 7, dtype='<i4').reshape(10, 7)
        expected = a.copy()
        expected[0:4, 4:7] = -1
        np.save('expected.npy', expected)
        os.makedirs('s.zarr/c', exist_ok=True)
        for si in range(3):
            for sj in range(2):
                if (si, sj) == (0, 1):
                    continue
                pad = np.full((4, 4), -1, '<i4')
                r = a[si * 4:(si + 1) * 4, sj * 4:(sj + 1) * 4]
                pad[:r.shape[0], :r.shape[1]] = r
                index, body = [], b''
                idxlen = 4 * 16 + 4
                for ii in range(2):
                    for jj in range(2):
                        c = pad[ii * 2:(ii + 1) * 2, jj * 2:(jj + 1) * 2]
                        if (c == -1).all():
                            index += [2 ** 64 - 1, 2 ** 64 - 1]
                            continue
                        enc = gzip.compress(np.ascontiguousarray(c).tobytes())
                        index += [len(body) + (idxlen if loc == 'start' else 0), len(enc)]
                        body += enc
                idx = struct.pack('<8Q', *index)
                idx += struct.pack('<I', crc32c(idx))
                os.makedirs('s.zarr/c/%d' % si, exist_ok=True)
                open('s.zarr/c/%d/%d' % (si, sj), 'wb').write(idx + body if loc == 'start' else body + idx)
        meta = {'zarr_format': 3, 'node_type': 'array', 'shape': [10, 7], 'data_type': 'int32',
                'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': [4, 4]}},
                'chunk_key_encoding': {'name': 'default'}, 'fill_value': -1,
                'codecs': [{'name': 'sharding_indexed', 'configuration': {'chunk_shape': [2, 2],
                    'codecs': [{'name': 'bytes', 'configuration': {'endian': 'little'}}, {'name': 'gzip', 'configuration': {'level': 1}}],
                    'index_codecs': [{'name': 'bytes', 'configuration': {'endian': 'little'}}, {'name': 'crc32c'}],
                    'index_location': loc}}],
                'attributes': {}}
        json.dump(meta, open('s.zarr/zarr.json', 'w'))
        """;

    [Theory]
    [InlineData("end")]
    [InlineData("start")]
    public void ShardedArrayWithEdgeShardsReads(string location)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.py"), "import numpy as np\nimport sys, os, json\n" + Writer);
        NumPy.Run($"sys.argv = ['w.py', '{location}']\nexec(open('w.py').read())", dir.Path);
        Assert.Equal(Expected(dir), Stores.Read(dir.File("s.zarr")));
        Assert.Equal(Expected(dir)[(5 * 28)..(6 * 28)], Stores.Read(dir.File("s.zarr"), rows: new RowRange(5, 6)));
    }

    [Fact]
    public void BadShardIndexIsOneError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.py"), "import numpy as np\nimport sys, os, json\n" + Writer);
        NumPy.Run("sys.argv = ['w.py', 'end']\nexec(open('w.py').read())", dir.Path);
        var shard = dir.File("s.zarr/c/1/0");
        var bytes = File.ReadAllBytes(shard);

        // The index's crc32c catches a changed offset.
        bytes[^68] ^= 0x40;
        File.WriteAllBytes(shard, bytes);
        var e = Assert.Throws<MalformedArrayException>(() => Stores.Read(dir.File("s.zarr")));
        Assert.Contains("chunk c/1/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("crc32c", e.Message, StringComparison.Ordinal);

        // A row read alone goes through the index too: the same errors.
        e = Assert.Throws<MalformedArrayException>(() => Stores.Read(dir.File("s.zarr"), rows: new RowRange(5, 6)));
        Assert.Contains("chunk c/1/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("crc32c", e.Message, StringComparison.Ordinal);

        // Shorter than its index.
        File.WriteAllBytes(shard, bytes[..10]);
        e = Assert.Throws<MalformedArrayException>(() => Stores.Read(dir.File("s.zarr")));
        Assert.Contains("shorter than its index", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<MalformedArrayException>(() => Stores.Read(dir.File("s.zarr"), rows: new RowRange(5, 6)));
        Assert.Contains("shorter than its index", e.Message, StringComparison.Ordinal);

        // An offset past the shard's end, its CRC-32C recomputed: named by its index entry.
        bytes[^68] ^= 0x40;
        var index = bytes[^68..^4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16), 1 << 20);
        var crc = Crc32c(index);
        File.WriteAllBytes(shard, [.. bytes[..^68], .. index, .. BitConverter.GetBytes(crc)]);
        e = Assert.Throws<MalformedArrayException>(() => Stores.Read(dir.File("s.zarr"), rows: new RowRange(5, 6)));
        Assert.Contains("shard index entry 1 points at bytes 1048576", e.Message, StringComparison.Ordinal);
    }

    private static uint Crc32c(byte[] data)
    {
        var crc = 0xffffffffu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
            }
        }

        return crc ^ 0xffffffffu;
    }

    private static byte[] Expected(TempDir dir)
    {
        using var reader = new Formats.Plugins.Npy.NpyFormat().CreateReader(File.OpenRead(dir.File("expected.npy")), ArrayReadOptions.Default);
        using var data = reader.OpenData();
        var bytes = new byte[data.Header.ByteLength];
        data.ReadExactly(bytes);
        return bytes;
    }
}
