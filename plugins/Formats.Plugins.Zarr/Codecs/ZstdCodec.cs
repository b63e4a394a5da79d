using ZstdSharp;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>The <c>zstd</c> codec, through ZstdSharp (a managed port of the reference library).</summary>
internal sealed class ZstdCodec(int level, bool checksum) : IBytesCodec
{
    public string Name => "zstd";

    public byte[] Decode(byte[] data, long expected) => Decompress(data, expected, Name);

    public byte[] Encode(ReadOnlySpan<byte> data)
    {
        using var compressor = new Compressor(level);
        if (checksum)
        {
            compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        }

        return compressor.Wrap(data).ToArray();
    }

    public static byte[] Decompress(ReadOnlySpan<byte> data, long expected, string what)
    {
        try
        {
            using var decompressor = new Decompressor();
            if (expected >= 0)
            {
                var output = new byte[expected];
                var n = decompressor.Unwrap(data, output);
                return n == expected ? output : throw new MalformedArrayException($"{what} data holds {n} bytes, not the {expected} of a chunk");
            }

            return decompressor.Unwrap(data).ToArray();
        }
        catch (ZstdException e)
        {
            throw new MalformedArrayException($"{what} data is corrupt: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new MalformedArrayException($"{what} data is corrupt: {e.Message}", e);
        }
    }
}
