using Formats.Testing;

namespace Formats.Plugins.Zarr.Tests;

/// <summary>
/// Compressed blosc frames (the fixtures' are all memcpyed), built in Python from c-blosc's README_HEADER.rst with
/// zlib streams: byte shuffle split per byte of the type, bit shuffle unsplit, several blocks and a leftover one.
/// </summary>
public sealed class BloscFrameTests
{
    private const string Writer = """
        import zlib, struct
        shuffle = sys.argv[1]
        def frame(data, ts, blocksize):
            nbytes = len(data)
            nblocks = -(-nbytes // blocksize)
            split = shuffle == 'byte'
            flags = (3 << 5) | {'byte': 1, 'bit': 4, 'none': 0}[shuffle] | (0 if split else 0x10)
            blocks = []
            for b in range(nblocks):
                blk = data[b * blocksize:(b + 1) * blocksize]
                leftover = len(blk) < blocksize
                n = len(blk) // ts
                if shuffle == 'byte':
                    sh = np.frombuffer(blk[:n * ts], 'u1').reshape(n, ts).T.tobytes() + blk[n * ts:]
                elif shuffle == 'bit':
                    arr = np.frombuffer(blk[:n * ts], 'u1').reshape(n, ts)
                    sh = np.packbits(np.unpackbits(arr, axis=1, bitorder='little').T, axis=1, bitorder='little').tobytes()
                else:
                    sh = blk
                nsplit = ts if split and not leftover else 1
                ne = len(sh) // nsplit
                out = b''
                for j in range(nsplit):
                    c = zlib.compress(sh[j * ne:(j + 1) * ne])
                    # As blosc does: a stream that does not shrink is stored raw, its length equal to the split's.
                    if len(c) >= ne:
                        c = sh[j * ne:(j + 1) * ne]
                    out += struct.pack('<i', len(c)) + c
                blocks.append(out)
            pos = 16 + 4 * nblocks
            starts = []
            for o in blocks:
                starts.append(pos)
                pos += len(o)
            return struct.pack('<BBBBiii', 2, 1, flags, ts, nbytes, blocksize, pos) + struct.pack('<%di' % nblocks, *starts) + b''.join(blocks)
        a = (np.arange(200, dtype='<i4') * 12345 - 777)
        os.makedirs('s.zarr/c', exist_ok=True)
        open('s.zarr/c/0', 'wb').write(frame(a.tobytes(), 4, 256))
        json.dump({'zarr_format': 3, 'node_type': 'array', 'shape': [200], 'data_type': 'int32',
                   'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': [200]}},
                   'chunk_key_encoding': {'name': 'default'}, 'fill_value': 0,
                   'codecs': [{'name': 'bytes', 'configuration': {'endian': 'little'}},
                              {'name': 'blosc', 'configuration': {'cname': 'zlib', 'clevel': 5, 'shuffle': shuffle + 'shuffle', 'typesize': 4, 'blocksize': 256}}],
                   'attributes': {}}, open('s.zarr/zarr.json', 'w'))
        """;

    [Theory]
    [InlineData("byte")]
    [InlineData("bit")]
    [InlineData("none")]
    public void ZlibFramesWithEachShuffle(string shuffle)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.py"), "import numpy as np\nimport sys, os, json\n" + Writer);
        NumPy.Run($"sys.argv = ['w.py', '{shuffle}']\nexec(open('w.py').read())", dir.Path);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(Stores.Read(dir.File("s.zarr"))).ToArray();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (i * 12345) - 777), values);
    }

    // c-blosc's README_HEADER.rst read in Python: the header fields, the block starts, one stream per block (the
    // dont-split flag), zlib, zstd (python3-zstandard) or raw lz4 block (python3-lz4) streams or stored ones, byte
    // shuffle undone with NumPy.
    private const string FrameReader = """
        import zlib, struct
        meta = json.load(open('s.zarr/zarr.json'))
        blosc = meta['codecs'][1]
        assert blosc['name'] == 'blosc' and blosc['configuration']['cname'] == sys.argv[1], blosc
        a = np.load('a.npy')
        ts = a.dtype.itemsize
        frames, out = 0, b''
        for k in range(-(-a.shape[0] // meta['chunk_grid']['configuration']['chunk_shape'][0])):
            f = open('s.zarr/c/%d' % k, 'rb').read()
            version, vlz, flags, typesize, nbytes, blocksize, cbytes = struct.unpack('<BBBBiii', f[:16])
            assert (version, typesize, cbytes) == (2, ts, len(f)), (version, typesize, cbytes)
            assert flags & 0x02 == 0 and flags & 0x10 and flags & 0x01, flags
            assert flags >> 5 == {'lz4': 1, 'zlib': 3, 'zstd': 4}[sys.argv[1]]
            nblocks = -(-nbytes // blocksize)
            starts = struct.unpack('<%di' % nblocks, f[16:16 + 4 * nblocks])
            chunk = b''
            for b, st in enumerate(starts):
                bsize = min(blocksize, nbytes - b * blocksize)
                (csize,) = struct.unpack('<i', f[st:st + 4])
                s = f[st + 4:st + 4 + csize]
                if sys.argv[1] == 'zlib' and csize != bsize:
                    s = zlib.decompress(s)
                elif sys.argv[1] == 'zstd' and csize != bsize:
                    import zstandard
                    s = zstandard.ZstdDecompressor().decompress(s, max_output_size=bsize)
                elif sys.argv[1] == 'lz4' and csize != bsize:
                    import lz4.block
                    s = lz4.block.decompress(s, uncompressed_size=bsize)
                n = bsize // ts
                chunk += np.frombuffer(s[:n * ts], 'u1').reshape(ts, n).T.tobytes() + s[n * ts:]
            frames += 1
            out += chunk
        assert out == a.tobytes()
        print('ok', frames)
        """;

    [Theory]
    [InlineData(ZarrCodec.BloscZlib, "zlib")]
    [InlineData(ZarrCodec.BloscLz4, "lz4")]
    [InlineData(ZarrCodec.BloscZstd, "zstd")]
    public void WrittenFramesFollowTheHeaderSpec(ZarrCodec codec, string cname)
    {
        using var dir = new TempDir();
        // 2 chunks of 100,000 int32 rows (400,000 bytes: one 256 KiB block and a leftover), values that compress.
        NumPy.Run("np.save('a.npy', (np.arange(200000) // 7).astype('<i4'))", dir.Path);
        var (header, bytes) = ShardedWriteTests.NpyData(dir.File("a.npy"));
        Stores.Write(dir.File("s.zarr"), ArrayWriteOptions.Default.With(new ZarrWriteOptions { Chunks = [100000], Codec = codec }), (null, header, bytes));
        File.WriteAllText(dir.File("r.py"), "import numpy as np\nimport sys, json\n" + FrameReader);
        Assert.Equal("ok 2", NumPy.Run($"sys.argv = ['r.py', '{cname}']\nexec(open('r.py').read())", dir.Path).Trim());
        Assert.Equal(bytes, Stores.Read(dir.File("s.zarr")));
        Assert.True(Directory.GetFiles(Path.Combine(dir.File("s.zarr"), "c")).Sum(f => new FileInfo(f).Length) < bytes.Length / 4);
    }
}
