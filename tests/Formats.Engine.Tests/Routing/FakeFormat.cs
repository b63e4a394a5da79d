namespace Formats.Engine.Tests.Routing;

/// <summary>A format that only describes itself, for routing decisions: it reads and writes.</summary>
internal sealed class FakeFormat(string name, string[] extensions, byte[]? magic, int priority = 100)
    : ReadOnlyFakeFormat(name, extensions, magic, priority), IWritableArrayFormat
{
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => throw new NotSupportedException();
}

/// <summary>A format that only describes itself and cannot write (it does not implement <see cref="IWritableArrayFormat"/>).</summary>
internal class ReadOnlyFakeFormat(string name, string[] extensions, byte[]? magic, int priority = 100) : IArrayFormat
{
    public string Name => name;

    public string Description => "fake";

    public IReadOnlyList<string> Extensions => extensions;

    public FormatDetector? Detector { get; } = magic is null ? null : new PriorityDetector(magic, priority);

    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => throw new NotSupportedException();

    private sealed class PriorityDetector(byte[] magic, int priority) : FormatDetector
    {
        public override int HeaderSize => magic.Length;

        public override int Priority => priority;

        public override bool IsMatch(ReadOnlySpan<byte> header) => header.StartsWith(magic);
    }
}
