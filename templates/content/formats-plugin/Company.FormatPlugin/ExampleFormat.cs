namespace Company.FormatPlugin;

/// <summary>
/// The "exampleformat" format: the magic <c>EXAMPLE\x01</c>, the element count as a little-endian int64, then the
/// values as little-endian float64. Replace it with your format; routing needs only what this class declares. It
/// reads (<see cref="IArrayFormat"/>) and writes (<see cref="IWritableArrayFormat"/>): a read-only format implements
/// only IArrayFormat; one whose files hold several named arrays also implements <see cref="IMultiArrayFormat"/>.
/// </summary>
public sealed class ExampleFormat : IWritableArrayFormat
{
    /// <summary>The bytes every file starts with.</summary>
    internal static ReadOnlySpan<byte> Magic => "EXAMPLE\x01"u8;

    /// <summary>Magic plus the element count.</summary>
    internal const int HeaderSize = 16;

    /// <inheritdoc />
    public string Name => "exampleformat";

    /// <inheritdoc />
    public string Description => "one float64 vector behind an 8-byte magic and a count";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".exfext"];

    /// <inheritdoc />
    public FormatDetector? Detector { get; } = FormatDetector.ForMagic(Magic.ToArray());

    /// <inheritdoc />
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => ExampleReader.Open(stream);

    /// <inheritdoc />
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => new ExampleWriter(stream);
}
