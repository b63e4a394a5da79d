namespace Formats.Plugins.Zarr.Codecs;

/// <summary>A bytes-to-bytes codec (a compressor or a checksum): encodes a chunk's bytes and decodes them back.</summary>
internal interface IBytesCodec
{
    /// <summary>The codec's name in metadata, for messages.</summary>
    string Name { get; }

    /// <summary>Decodes <paramref name="data"/>; <paramref name="expected"/> is the decoded size when it is known (the last codec of the chain), else -1.</summary>
    /// <exception cref="MalformedArrayException">The data is corrupt or truncated.</exception>
    byte[] Decode(byte[] data, long expected);

    /// <summary>Encodes <paramref name="data"/>.</summary>
    byte[] Encode(ReadOnlySpan<byte> data);
}
