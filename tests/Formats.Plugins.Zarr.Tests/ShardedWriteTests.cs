using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>
/// Sharded stores the writer makes (<see cref="ZarrWriteOptions.Shard"/>): shards and inner chunks that do not divide
/// the shape, read back through the plugin and by an independent reader (Python: json, struct, gzip, a bitwise
/// CRC-32C and NumPy, from the v3 spec's sharding_indexed text).
/// </summary>
public sealed class ShardedWriteTests
{
    private const string Reader = """
        import gzip, struct
        def crc32c(b):
            crc = 0xffffffff
            for x in b:
                crc ^= x
                for _ in range(8):
                    crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
            return crc ^ 0xffffffff
        meta = json.load(open('s.zarr/zarr.json'))
        shape, shard = meta['shape'], meta['chunk_grid']['configuration']['chunk_shape']
        (codec,) = meta['codecs']
        assert codec['name'] == 'sharding_indexed'
        conf = codec['configuration']
        inner, names = conf['chunk_shape'], [c['name'] for c in conf['codecs']]
        assert [c['name'] for c in conf['index_codecs']] == ['bytes', 'crc32c'] and conf['index_location'] == 'end'
        dt = np.dtype('<' + {'int32': 'i4', 'float64': 'f8'}[meta['data_type']])
        out = np.zeros(shape, dt)
        absent = 0
        for s in np.ndindex(*[-(-a // b) for a, b in zip(shape, shard)]):
            raw = open('s.zarr/c/' + '/'.join(map(str, s)), 'rb').read()
            ig = [a // b for a, b in zip(shard, inner)]
            n = int(np.prod(ig))
            idx, crc = raw[-(16 * n + 4):-4], raw[-4:]
            assert struct.unpack('<I', crc)[0] == crc32c(idx)
            pairs = np.frombuffer(idx, '<u8').reshape(n, 2)
            block = np.zeros(shard, dt)
            for k, i in enumerate(np.ndindex(*ig)):
                off, ln = int(pairs[k][0]), int(pairs[k][1])
                origin = [s[a] * shard[a] + i[a] * inner[a] for a in range(len(shape))]
                if off == 2 ** 64 - 1 and ln == 2 ** 64 - 1:
                    absent += 1
                    # Only an inner chunk wholly outside the array may be left out.
                    assert any(o >= d for o, d in zip(origin, shape)), origin
                    continue
                b = raw[off:off + ln]
                if 'gzip' in names:
                    b = gzip.decompress(b)
                if 'zstd' in names:
                    import zstandard
                    b = zstandard.ZstdDecompressor().decompress(b)
                block[tuple(slice(i[a] * inner[a], (i[a] + 1) * inner[a]) for a in range(len(shape)))] = np.frombuffer(b, dt).reshape(inner)
            sl = tuple(slice(s[a] * shard[a], min((s[a] + 1) * shard[a], shape[a])) for a in range(len(shape)))
            out[sl] = block[tuple(slice(0, x.stop - x.start) for x in sl)]
        assert np.array_equal(out, np.load('a.npy'))
        print('ok', absent)
        """;

    public static TheoryData<ZarrCodec> Codecs() => [.. Enum.GetValues<ZarrCodec>()];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void ShardsAndInnerChunksThatDoNotDivideTheShapeRoundTrip(ZarrCodec codec)
    {
        using var dir = new TempDir();
        var header = ArrayHeader.Create(DType.Float64, 23, 17);
        var data = Stores.Pattern(header.ByteLength);
        var store = dir.File("s.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [3, 4], Shard = [6, 8], Codec = codec }), (null, header, data));

        // Shards 4 x 3 (the last of each axis partial); each holds 2 x 2 inner chunks, some wholly outside the array.
        Assert.Equal(12, Directory.GetFiles(Path.Combine(store, "c"), "*", SearchOption.AllDirectories).Length);
        Assert.Equal(data, Stores.Read(store));
        foreach (var (a, b) in new[] { (0, 1), (5, 7), (6, 7), (11, 23), (22, 23) })
        {
            Assert.Equal(data.AsSpan((int)(a * header.RowByteLength), (int)((b - a) * header.RowByteLength)).ToArray(), Stores.Read(store, rows: new RowRange(a, b)));
        }
    }

    [Theory]
    [InlineData("<i4", ZarrCodec.Gzip)]
    [InlineData("<f8", ZarrCodec.None)]
    [InlineData("<i4", ZarrCodec.Zstd)]
    public void AnIndependentReaderReadsWrittenShards(string dtype, ZarrCodec codec)
    {
        using var dir = new TempDir();
        NumPy.Run($"np.save('a.npy', (np.arange(20 * 17) * 7 % 251 - 100).astype('{dtype}').reshape(20, 17))", dir.Path);
        var (header, bytes) = NpyData(dir.File("a.npy"));
        Stores.Write(dir.File("s.zarr"), ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [3, 4], Shard = [6, 8], Codec = codec }), (null, header, bytes));
        File.WriteAllText(dir.File("r.py"), "import numpy as np\nimport json\n" + Reader);
        var output = NumPy.Run("exec(open('r.py').read())", dir.Path).Trim();

        // Shards 4 x 3 of 2 x 2 inner chunks: 48 inner chunks, 8 x 6 of them, of which only 7 x 5 hold any of the 20 x 17
        // array; the other 13 are left out.
        Assert.Equal("ok 13", output);
    }

    [Fact]
    public void OneRowOfAShardReadsTheIndexAndOneInnerChunk()
    {
        using var dir = new TempDir();
        // One shard of 8 x 16 int32 (512 bytes) holding 4 inner chunks of 2 x 16 rows (128 bytes each, no compressor).
        var header = ArrayHeader.Create(DType.Int32, 8, 16);
        var data = Stores.Pattern(header.ByteLength);
        var store = dir.File("s.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [2, 16], Shard = [8, 16], Codec = ZarrCodec.None }), (null, header, data));
        var folder = new FolderDirectory(store);
        using var reader = new ZarrFormat().CreateReader(folder, ArrayReadOptions.Default);
        _ = reader.Describe(string.Empty);
        var before = folder.BytesRead;
        using var rows = reader.OpenData(null, new RowRange(5, 6));
        var row = new byte[64];
        rows.ReadExactly(row);

        Assert.Equal(data.AsSpan(5 * 64, 64).ToArray(), row);
        // The index (4 pairs of uint64 and a CRC-32C) and the inner chunk of rows 4-5; the other three never read.
        Assert.Equal((4 * 16) + 4 + 128, folder.BytesRead - before);
        Assert.Equal(data.AsSpan(64, 6 * 64).ToArray(), Stores.Read(store, rows: new RowRange(1, 7)));
    }

    [Fact]
    public void AFortranOrderedArrayIsShardedBehindTheTranspose()
    {
        using var dir = new TempDir();
        var logical = ArrayHeader.Create(DType.Int32, 9, 5);
        var values = Enumerable.Range(0, 45).ToArray();
        // Column-major bytes of the 9 x 5 array whose element (i, j) is i * 5 + j.
        var fortran = new byte[45 * 4];
        for (var j = 0; j < 5; j++)
        {
            for (var i = 0; i < 9; i++)
            {
                BitConverter.TryWriteBytes(fortran.AsSpan(((j * 9) + i) * 4), (i * 5) + j);
            }
        }

        var store = dir.File("f.zarr");
        Stores.Write(store, ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [2, 2], Shard = [4, 4] }), (null, logical with { Order = ArrayOrder.Fortran }, fortran));
        Assert.Equal(values, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(Stores.Read(store)).ToArray());
        Assert.Equal(values[10..25], System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(Stores.Read(store, rows: new RowRange(2, 5))).ToArray());
    }

    [Theory]
    [InlineData(new long[] { 5, 8 }, "is not a multiple of chunks (3, 4)")]
    [InlineData(new long[] { 6 }, "is not a multiple of chunks (3, 4)")]
    public void AShardThatIsNotAMultipleOfTheChunksIsRefused(long[] shard, string message)
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UnsupportedArrayException>(() =>
            Stores.Write(dir.File("s.zarr"), ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [3, 4], Shard = shard }), (null, ArrayHeader.Create(DType.Int8, 7, 7), new byte[49])));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShardWithoutChunksIsRefused()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UnsupportedArrayException>(() =>
            Stores.Write(dir.File("s.zarr"), ArrayWriteOptions.Default.With(new ZarrWriteOptions { Shard = [4] }), (null, ArrayHeader.Create(DType.Int8, 7), new byte[7])));
        Assert.Contains("needs the inner chunk shape", e.Message, StringComparison.Ordinal);
    }

    internal static (ArrayHeader Header, byte[] Data) NpyData(string path)
    {
        using var reader = new Formats.Plugins.Npy.NpyFormat().CreateReader(File.OpenRead(path), ArrayReadOptions.Default);
        using var data = reader.OpenData();
        var bytes = new byte[data.Header.ByteLength];
        data.ReadExactly(bytes);
        return (data.Header, bytes);
    }
}
