using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>
/// The <c>blosc</c> codec (v3, and numcodecs Blosc in v2): c-blosc 1's frame, a 16-byte header, block offsets and
/// per block one stream (or one per byte of the type, split), each compressed by lz4/lz4hc, zlib or zstd, then
/// byte- or bit-unshuffled. Encoding writes that frame with <paramref name="compressor"/> (blosc's code: 1 lz4, 3 zlib,
/// 4 zstd) at <paramref name="level"/>, byte shuffle when <paramref name="shuffle"/>, one unsplit stream per block; a
/// block that does not shrink is stored as is, and a chunk that does not shrink as blosc's uncompressed (memcpyed) frame.
/// </summary>
internal sealed class BloscCodec(int typeSize, int compressor = 1, int level = 5, bool shuffle = true) : IBytesCodec
{
    private const int HeaderSize = 16;
    private const byte ByteShuffle = 0x01;
    private const byte MemCopied = 0x02;
    private const byte BitShuffle = 0x04;
    private const byte DontSplit = 0x10;

    /// <summary>A block size of the range c-blosc picks for large chunks (any size decodes); a multiple of the type size is taken.</summary>
    private const int BlockSize = 256 << 10;

    /// <summary>The <c>cname</c> of <paramref name="code"/> in metadata.</summary>
    public static string CompressorName(int code) => code switch { 1 => "lz4", 3 => "zlib", 4 => "zstd", _ => throw new ArgumentOutOfRangeException(nameof(code)) };

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
        var item = Math.Clamp(typeSize, 1, 255);
        var blocksize = data.Length == 0 ? 0 : Math.Min(data.Length, BlockSize - (BlockSize % item));
        var nblocks = blocksize == 0 ? 0 : (data.Length + blocksize - 1) / blocksize;
        var output = new byte[HeaderSize + (4 * nblocks) + data.Length + (4 * nblocks)];
        var at = HeaderSize + (4 * nblocks);
        var shuffled = new byte[blocksize];
        var packed = new byte[blocksize + 4096];
        var byteShuffle = shuffle && item > 1;
        for (var i = 0; i < nblocks; i++)
        {
            var block = data.Slice(i * blocksize, Math.Min(blocksize, data.Length - (i * blocksize)));
            var source = block;
            if (byteShuffle)
            {
                Shuffle.ByteShuffle(block, shuffled.AsSpan(0, block.Length), item);
                source = shuffled.AsSpan(0, block.Length);
            }

            var n = Compress(source, packed);
            BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(HeaderSize + (4 * i)), at);
            if (n > 0 && n < block.Length)
            {
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at), n);
                packed.AsSpan(0, n).CopyTo(output.AsSpan(at + 4));
                at += 4 + n;
            }
            else
            {
                // A stream whose size is the block's is read as stored bytes.
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at), block.Length);
                source.CopyTo(output.AsSpan(at + 4));
                at += 4 + block.Length;
            }
        }

        if (at >= HeaderSize + data.Length || nblocks == 0)
        {
            return MemCopy(data, item);
        }

        output[0] = 2;
        output[1] = 1;
        output[2] = (byte)((byteShuffle ? ByteShuffle : 0) | DontSplit | (compressor << 5));
        output[3] = (byte)item;
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(4), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(8), blocksize);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(12), at);
        return output[..at];
    }

    private static byte[] MemCopy(ReadOnlySpan<byte> data, int item)
    {
        var output = new byte[HeaderSize + data.Length];
        output[0] = 2;
        output[1] = 1;
        output[2] = MemCopied | DontSplit;
        output[3] = (byte)item;
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(4), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(8), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(12), output.Length);
        data.CopyTo(output.AsSpan(HeaderSize));
        return output;
    }

    // One block's stream into packed; 0 when it does not fit (the block is then stored).
    private int Compress(ReadOnlySpan<byte> source, byte[] packed)
    {
        switch (compressor)
        {
            case 1:
                var lz4 = level >= 9 ? K4os.Compression.LZ4.LZ4Level.L09_HC : K4os.Compression.LZ4.LZ4Level.L00_FAST;
                return Math.Max(0, LZ4Codec.Encode(source, packed, lz4));
            case 3:
                using (var buffer = new MemoryStream())
                {
                    using (var zlib = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = Math.Clamp(level, 0, 9) }, leaveOpen: true))
                    {
                        zlib.Write(source);
                    }

                    return buffer.Length <= packed.Length && buffer.TryGetBuffer(out var written) && written.AsSpan().TryCopyTo(packed) ? (int)buffer.Length : 0;
                }

            default:
                using (var zstd = new ZstdSharp.Compressor(Math.Clamp(level, 1, 22)))
                {
                    return zstd.TryWrap(source, packed, out var n) ? n : 0;
                }
        }
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
