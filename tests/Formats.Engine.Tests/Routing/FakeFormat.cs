namespace Formats.Engine.Tests.Routing;

/// <summary>A format that only describes itself, for routing decisions.</summary>
internal sealed class FakeFormat(string name, string[] extensions, byte[]? magic, int priority = 100,
    FormatCapabilities capabilities = FormatCapabilities.Read | FormatCapabilities.Write) : IArrayFormat
{
    public string Name => name;

    public string Description => "fake";

    public IReadOnlyList<string> Extensions => extensions;

    public FormatDetector? Detector { get; } = magic is null ? null : new PriorityDetector(magic, priority);

    public FormatCapabilities Capabilities => capabilities;

    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => throw new NotSupportedException();

    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => throw new NotSupportedException();

    private sealed class PriorityDetector(byte[] magic, int priority) : FormatDetector
    {
        public override int HeaderSize => magic.Length;

        public override int Priority => priority;

        public override bool IsMatch(ReadOnlySpan<byte> header) => header.StartsWith(magic);
    }
}
