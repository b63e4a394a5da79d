using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>
/// Stores the writer makes, read by an independent reader: Python's json, zlib/gzip, Debian's python3-zstandard and
/// NumPy, following the v3 spec (chunk keys c/i/j, edge chunks padded to the chunk shape, bytes little-endian), since
/// zarr-python is not installable.
/// </summary>
public sealed class InteropTests
{
    private const string Reader = """
        import gzip
        meta = json.load(open('s.zarr/zarr.json'))
        assert meta['zarr_format'] == 3 and meta['node_type'] == 'array'
        shape, chunks = meta['shape'], meta['chunk_grid']['configuration']['chunk_shape']
        names = [c['name'] for c in meta['codecs']]
        endian = '<' if meta['codecs'][0]['configuration']['endian'] == 'little' else '>'
        dt = np.dtype(endian + {'float64': 'f8', 'int16': 'i2', 'uint8': 'u1'}[meta['data_type']])
        out = np.zeros(shape, dt)
        grid = [-(-s // c) for s, c in zip(shape, chunks)]
        for idx in np.ndindex(*grid):
            raw = open('s.zarr/c/' + '/'.join(map(str, idx)), 'rb').read()
            if 'gzip' in names:
                raw = gzip.decompress(raw)
            if 'zstd' in names:
                import zstandard
                raw = zstandard.ZstdDecompressor().decompress(raw)
            chunk = np.frombuffer(raw, dt).reshape(chunks)
            sl = tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, chunks, shape))
            out[sl] = chunk[tuple(slice(0, x.stop - x.start) for x in sl)]
        expected = np.load('a.npy')
        assert out.dtype == expected.dtype, (out.dtype, expected.dtype)
        assert np.array_equal(out, expected)
        print('ok', names)
        """;

    [Theory]
    [InlineData("<f8", ZarrCodec.None)]
    [InlineData("<f8", ZarrCodec.Gzip)]
    [InlineData(">i2", ZarrCodec.Gzip)]
    [InlineData("|u1", ZarrCodec.None)]
    [InlineData("<f8", ZarrCodec.Zstd)]
    [InlineData(">i2", ZarrCodec.Zstd)]
    public void NumPyReadsWrittenStoresBySpec(string dtype, ZarrCodec codec)
    {
        using var dir = new TempDir();
        NumPy.Run($"np.save('a.npy', (np.arange(13 * 9) * 7 % 251).astype('{dtype}').reshape(13, 9))", dir.Path);
        using (var reader = new Formats.Plugins.Npy.NpyFormat().CreateReader(File.OpenRead(dir.File("a.npy")), ArrayReadOptions.Default))
        using (var data = reader.OpenData())
        {
            var bytes = new byte[data.Header.ByteLength];
            data.ReadExactly(bytes);
            Stores.Write(dir.File("s.zarr"), ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [5, 4], Codec = codec }), (null, data.Header, bytes));
        }

        Assert.StartsWith("ok", NumPy.Run(Reader, dir.Path), StringComparison.Ordinal);
    }
}
