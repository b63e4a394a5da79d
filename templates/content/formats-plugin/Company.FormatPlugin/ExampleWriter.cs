using System.Buffers.Binary;
using Formats.IO;

namespace Company.FormatPlugin;

/// <summary>Writes the header, then passes the data through as it arrives in chunks.</summary>
internal sealed class ExampleWriter(Stream stream) : SingleArrayWriter(stream)
{
    protected override string FileKind => "this exampleformat file";

    protected override ArrayWriteStream Begin(ArrayHeader header)
    {
        if (!header.DType.Equals(DType.Float64) || header.Shape.Rank != 1)
        {
            throw new UnsupportedArrayException($"exampleformat holds a 1-D float64 array, not {header.DType} {header.Shape}");
        }

        Span<byte> head = stackalloc byte[ExampleFormat.HeaderSize];
        ExampleFormat.Magic.CopyTo(head);
        BinaryPrimitives.WriteInt64LittleEndian(head[8..], header.ElementCount);
        Stream.Write(head);
        return new Data(Stream, header);
    }

    private sealed class Data(Stream target, ArrayHeader header) : ArrayWriteStream(header)
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
