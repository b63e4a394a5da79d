using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>
/// The <c>blosc</c> codec (v3, and numcodecs Blosc in v2): c-blosc 1's frame, a 16-byte header, block offsets and
/// per block one stream (or one per byte of the type, split), each compressed by lz4/lz4hc, zlib or zstd, then
/// byte- or bit-unshuffled. Encoding writes blosc's uncompressed (memcpyed) frame, which every blosc reader accepts.
/// </summary>
internal sealed class BloscCodec(int typeSize) : IBytesCodec
{
    private const int HeaderSize = 16;
    private const byte ByteShuffle = 0x01;
    private const byte MemCopied = 0x02;
    private const byte BitShuffle = 0x04;
    private const byte DontSplit = 0x10;

    public string Name => "blosc";

    public byte[] Decode(byte[] data, long expected)
    {
        if (data.Length < HeaderSize)
        {
            throw new MalformedArrayException($"blosc data of {data.Length} bytes is shorter than its 16-byte header");
        }

        var version = data[0];
        var flags = data[2];
        var typesize = Math.Max(1, (int)data[3]);
        var nbytes = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4));
        var blocksize = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(8));
        var cbytes = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(12));
        if (nbytes < 0 || cbytes < HeaderSize || cbytes > data.Length || (expected >= 0 && nbytes != expected))
        {
            throw new MalformedArrayException($"blosc header is inconsistent: {nbytes} bytes in a frame of {cbytes} (data {data.Length} bytes, chunk {expected})");
        }

        var output = new byte[nbytes];
        if ((flags & MemCopied) != 0)
        {
            if (cbytes < HeaderSize + nbytes)
            {
                throw new MalformedArrayException($"blosc frame is truncated: {cbytes - HeaderSize} of {nbytes} bytes");
            }

            data.AsSpan(HeaderSize, nbytes).CopyTo(output);
            return output;
        }

        if (blocksize <= 0)
        {
            throw new MalformedArrayException($"blosc block size {blocksize} is not positive");
        }

        var compressor = (flags >> 5) & 0x7;
        var nblocks = (int)(((long)nbytes + blocksize - 1) / blocksize);
        var leftover = nbytes % blocksize;
        var frame = data.AsSpan(0, cbytes);
        if (HeaderSize + (4L * nblocks) > cbytes)
        {
            throw new MalformedArrayException("blosc frame is truncated in its block offsets");
        }

        var tmp = new byte[blocksize];
        for (var i = 0; i < nblocks; i++)
        {
            var isLeftover = i == nblocks - 1 && leftover > 0;
            var bsize = isLeftover ? leftover : blocksize;
            var start = BinaryPrimitives.ReadInt32LittleEndian(frame[(HeaderSize + (4 * i))..]);
            var splits = (flags & DontSplit) == 0 && !isLeftover ? typesize : 1;
            var neblock = bsize / splits;
            var block = tmp.AsSpan(0, bsize);
            var src = start;
            for (var j = 0; j < splits; j++)
            {
                if (src < 0 || src + 4 > cbytes)
                {
                    throw new MalformedArrayException($"blosc block {i} lies outside the frame");
                }

                var csize = BinaryPrimitives.ReadInt32LittleEndian(frame[src..]);
                src += 4;
                if (csize < 0 || src + csize > cbytes)
                {
                    throw new MalformedArrayException($"blosc block {i} is truncated");
                }

                var dest = block.Slice(j * neblock, neblock);
                if (csize == neblock)
                {
                    frame.Slice(src, csize).CopyTo(dest);
                }
                else
                {
                    Decompress(compressor, frame.Slice(src, csize), dest, i);
                }

                src += csize;
            }

            var target = output.AsSpan(i * blocksize, bsize);
            if ((flags & ByteShuffle) != 0 && typesize > 1)
            {
                Shuffle.ByteUnshuffle(block, target, typesize);
            }
            else if ((flags & BitShuffle) != 0 && bsize >= typesize)
            {
                Shuffle.BitUnshuffle(block, target, typesize, version);
            }
            else
            {
                block.CopyTo(target);
            }
        }

        return output;
    }

    public byte[] Encode(ReadOnlySpan<byte> data)
    {
        var output = new byte[HeaderSize + data.Length];
        output[0] = 2;
        output[1] = 1;
        output[2] = MemCopied | DontSplit;
        output[3] = (byte)Math.Clamp(typeSize, 1, 255);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(4), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(8), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(12), output.Length);
        data.CopyTo(output.AsSpan(HeaderSize));
        return output;
    }

    private static void Decompress(int compressor, ReadOnlySpan<byte> source, Span<byte> dest, int block)
    {
        switch (compressor)
        {
            case 1:
                var n = LZ4Codec.Decode(source, dest);
                if (n != dest.Length)
                {
                    throw new MalformedArrayException($"blosc block {block}: lz4 data is corrupt");
                }

                break;
            case 3:
                using (var input = new MemoryStream(source.ToArray()))
                using (var zlib = new ZLibStream(input, CompressionMode.Decompress))
                {
                    try
                    {
                        zlib.ReadExactly(dest);
                    }
                    catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                    {
                        throw new MalformedArrayException($"blosc block {block}: zlib data is corrupt: {e.Message}", e);
                    }
                }

                break;
            case 4:
                ZstdCodec.Decompress(source, dest.Length, "blosc zstd").CopyTo(dest);
                break;
            default:
                var name = compressor switch { 0 => "blosclz", 2 => "snappy", _ => $"compressor {compressor}" };
                throw new UnsupportedArrayException($"blosc block {block} is compressed with {name}, which this reader does not decode (lz4, lz4hc, zlib and zstd it does)");
        }
    }
}
