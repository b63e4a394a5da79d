namespace Formats.Compression.Tests.Support;

/// <summary>An in-memory source and sink for the library's abstractions.</summary>
internal sealed class MemoryBytes(byte[]? bytes = null) : IPositionalSource, IByteSink
{
    private readonly MemoryStream written = new();

    public byte[] Bytes => bytes ?? written.ToArray();

    public long Length => Bytes.Length;

    public int ReadAt(long offset, Span<byte> buffer)
    {
        var all = Bytes;
        if (offset >= all.Length)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, all.Length - offset);
        all.AsSpan((int)offset, n).CopyTo(buffer);
        return n;
    }

    public void Write(ReadOnlySpan<byte> data) => written.Write(data);
}
