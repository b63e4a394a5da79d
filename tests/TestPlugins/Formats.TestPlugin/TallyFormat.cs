using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.TestPlugin;

/// <summary>
/// "Tally": an invented format for the extensibility test. Magic <c>TALLY\0\0\1</c>, an int64 count, then
/// that many little-endian float64 values.
/// </summary>
public sealed class TallyFormat : IWritableArrayFormat
{
    private static readonly byte[] Magic = [(byte)'T', (byte)'A', (byte)'L', (byte)'L', (byte)'Y', 0, 0, 1];

    /// <inheritdoc />
    public string Name => "tally";

    /// <inheritdoc />
    public string Description => "test plugin format";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".tly"];

    /// <inheritdoc />
    public FormatDetector? Detector { get; } = FormatDetector.ForMagic(Magic);

    /// <inheritdoc />
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => new Reader(stream);

    /// <inheritdoc />
    public IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options) => new Writer(stream);

    private sealed class Reader : IArrayReader
    {
        private readonly Stream stream;

        public Reader(Stream stream)
        {
            this.stream = stream;
            Span<byte> head = stackalloc byte[16];
            stream.ReadExactly(head);
            var count = BinaryPrimitives.ReadInt64LittleEndian(head[8..]);
            if (count < 0 || (stream.CanSeek && count * 8 > stream.Length - stream.Position))
            {
                throw new MalformedArrayException($"tally count {count} does not match the file");
            }

            Entries = [new ArrayEntry("", ArrayHeader.Create(DType.Float64, count))];
        }

        public IReadOnlyList<ArrayEntry> Entries { get; }

        public ArrayReadStream OpenData(string? name = null, RowRange? rows = null) => new Data(stream, Entries[0].Header);

        public void Dispose()
        {
        }
    }

    private sealed class Data(Stream source, ArrayHeader header) : ArrayReadStream(header)
    {
        private long remaining = header.ByteLength;

        public override long Remaining => remaining;

        public override int Read(Span<byte> buffer)
        {
            var n = remaining == 0 ? 0 : source.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
            remaining -= n;
            return n;
        }
    }

    private sealed class Writer(Stream stream) : IArrayWriter
    {
        public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
        {
            stream.Write(Magic);
            Span<byte> count = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(count, header.ElementCount);
            stream.Write(count);
            return new Sink(stream, header);
        }

        public void Complete() => stream.Flush();

        public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => new(stream.FlushAsync(cancellationToken));

        public void Dispose()
        {
        }
    }

    private sealed class Sink(Stream target, ArrayHeader header) : ArrayWriteStream(header)
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            CheckRoom(buffer.Length);
            target.Write(buffer);
            Written += buffer.Length;
        }

        public override void Complete() => CheckComplete();

        public override void Flush() => target.Flush();
    }
}

/// <summary>The plugin's entry point.</summary>
public sealed class TallyPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<TallyFormat>();
}
