namespace Formats.Compression;

/// <summary>Where compressed bytes go, in order.</summary>
public interface IByteSink
{
    /// <summary>Appends <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The next bytes of the output.</param>
    void Write(ReadOnlySpan<byte> bytes);
}
