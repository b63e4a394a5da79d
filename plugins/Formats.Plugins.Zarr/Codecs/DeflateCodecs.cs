using System.IO.Compression;

namespace Formats.Plugins.Zarr.Codecs;

/// <summary>The <c>gzip</c> codec (v3, numcodecs GZip) and <c>zlib</c> (numcodecs Zlib): deflate in its two wrappers.</summary>
internal sealed class DeflateCodec(bool gzip, int level) : IBytesCodec
{
    public string Name => gzip ? "gzip" : "zlib";

    public byte[] Decode(byte[] data, long expected)
    {
        using var input = new MemoryStream(data, writable: false);
        using Stream inflater = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
        using var output = expected >= 0 ? new MemoryStream(checked((int)expected)) : new MemoryStream();
        try
        {
            inflater.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new MalformedArrayException($"{Name} data is corrupt: {e.Message}", e);
        }

        return output.ToArray();
    }

    public byte[] Encode(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        var zlibLevel = (ZLibCompressionOptions)new() { CompressionLevel = Math.Clamp(level, 0, 9) };
        using (Stream deflater = gzip ? new GZipStream(output, zlibLevel) : new ZLibStream(output, zlibLevel))
        {
            deflater.Write(data);
        }

        return output.ToArray();
    }
}
