using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>
/// Chunks compressed by c-blosc itself (Debian's python3-blosc, the library zarr-python's numcodecs wraps): every
/// compressor it was built with, each shuffle, several type sizes, many blocks with a leftover, and data that makes
/// literals, runs, near and far matches.
/// </summary>
public sealed class CBloscInteropTests
{
    private const string Writer = """
        import blosc, json, os, sys
        import numpy as np
        cname, shuffle, dtype, blocksize = sys.argv[1], int(sys.argv[2]), np.dtype(sys.argv[3]), int(sys.argv[4])
        rng = np.random.default_rng(7)
        n = 300000 // dtype.itemsize
        pattern = rng.integers(0, 256, 10000, dtype=np.uint8)
        raw = np.concatenate([
            np.tile(pattern, 6),                                    # repeats 10,000 bytes back: far matches
            np.zeros(5000, np.uint8),                               # a run
            (np.arange(60000) // 7).astype('<u4').view(np.uint8)[:120000],  # near matches
            rng.integers(0, 256, 115000, dtype=np.uint8),           # literals
        ])[:n * dtype.itemsize]
        a = raw.view(dtype)
        chunk = 16384
        if blocksize:
            blosc.set_blocksize(blocksize)
        os.makedirs('s.zarr/c', exist_ok=True)
        for k in range(-(-n // chunk)):
            part = np.zeros(chunk, dtype)
            src = a[k * chunk:(k + 1) * chunk]
            part[:len(src)] = src
            open('s.zarr/c/%d' % k, 'wb').write(blosc.compress(part.tobytes(), typesize=dtype.itemsize, cname=cname, shuffle=shuffle, clevel=9))
        names = {0: 'noshuffle', 1: 'shuffle', 2: 'bitshuffle'}
        json.dump({'zarr_format': 3, 'node_type': 'array', 'shape': [n], 'data_type': {'u1': 'uint8', '<u2': 'uint16', '<i4': 'int32', '<f8': 'float64'}[sys.argv[3]],
                   'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': [chunk]}},
                   'chunk_key_encoding': {'name': 'default'}, 'fill_value': 0,
                   'codecs': [{'name': 'bytes', 'configuration': {'endian': 'little'}},
                              {'name': 'blosc', 'configuration': {'cname': cname, 'clevel': 9, 'shuffle': names[shuffle], 'typesize': dtype.itemsize, 'blocksize': blocksize}}],
                   'attributes': {}}, open('s.zarr/zarr.json', 'w'))
        open('a.bin', 'wb').write(a.tobytes())
        """;

    public static TheoryData<string, int, string, int> Cases()
    {
        var data = new TheoryData<string, int, string, int>();
        foreach (var cname in new[] { "blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd" })
        {
            data.Add(cname, 0, "u1", 0);
            data.Add(cname, 1, "<i4", 0);
            data.Add(cname, 2, "<f8", 0);
            data.Add(cname, 1, "<u2", 4000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadsWhatCBloscWrote(string cname, int shuffle, string dtype, int blocksize)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.py"), Writer);
        NumPy.Run($"import sys\nsys.argv = ['w.py', '{cname}', '{shuffle}', '{dtype}', '{blocksize}']\nexec(open('w.py').read())", dir.Path);
        Assert.Equal(File.ReadAllBytes(dir.File("a.bin")), Stores.Read(dir.File("s.zarr")));
    }

    [Theory]
    [InlineData("blosclz")]
    [InlineData("snappy")]
    public void ACutStreamIsOneClearError(string cname)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.py"), Writer);
        NumPy.Run($"import sys\nsys.argv = ['w.py', '{cname}', '1', '<i4', '0']\nexec(open('w.py').read())", dir.Path);
        var chunk = Path.Combine(dir.File("s.zarr"), "c", "1"); // bytes 65,536 on: near matches, so its blocks are compressed
        var bytes = File.ReadAllBytes(chunk);
        var (nbytes, blocksize) = (BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8));
        Assert.Equal(0, bytes[2] & 0x02); // compressed, not a memcpyed frame

        // The last block's first stream is said to be 7 bytes shorter than it is: that stream alone is at fault.
        var lastStart = BitConverter.ToInt32(bytes, 16 + (4 * (((nbytes + blocksize - 1) / blocksize) - 1)));
        var csize = BitConverter.ToInt32(bytes, lastStart);
        Assert.True(csize > 7, "the last block's stream is compressed");
        BitConverter.GetBytes(csize - 7).CopyTo(bytes, lastStart);
        File.WriteAllBytes(chunk, bytes);

        var e = Assert.Throws<MalformedArrayException>(() => Stores.Read(dir.File("s.zarr")));
        Assert.Contains(cname, e.Message, StringComparison.Ordinal);
    }
}
