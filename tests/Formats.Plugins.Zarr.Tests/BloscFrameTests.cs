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
}
