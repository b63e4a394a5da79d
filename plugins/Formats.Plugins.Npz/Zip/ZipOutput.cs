using Formats.Compression;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// The archive being written: counts bytes to know every offset (also on streams that cannot tell their
/// position) and patches earlier bytes where the stream can seek back.
/// </summary>
internal sealed class ZipOutput : IByteSink
{
    private readonly Stream stream;
    private readonly long origin;

    public ZipOutput(Stream stream)
    {
        if (!stream.CanWrite)
        {
            throw new ArgumentException("writing an NPZ archive needs a writable stream", nameof(stream));
        }

        this.stream = stream;
        CanPatch = stream.CanSeek;
        origin = CanPatch ? stream.Position : 0;
    }

    /// <summary>Bytes written since the archive started.</summary>
    public long Position { get; private set; }

    /// <summary>True when earlier bytes can be rewritten (local headers get their CRC and sizes in place).</summary>
    public bool CanPatch { get; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Position += bytes.Length;
    }

    /// <summary>Rewrites bytes at an archive offset and returns to the end.</summary>
    public void Patch(long offset, ReadOnlySpan<byte> bytes)
    {
        stream.Position = origin + offset;
        stream.Write(bytes);
        stream.Position = origin + Position;
    }

    public void Flush() => stream.Flush();
}
