using System.Buffers.Binary;
using Formats.IO;

namespace Company.FormatPlugin;

/// <summary>Reads the header; <see cref="SingleArrayReader"/> serves the data, whole or by rows.</summary>
internal sealed class ExampleReader : SingleArrayReader
{
    private ExampleReader(Stream stream, ArrayEntry entry)
        : base(stream, dataStart: ExampleFormat.HeaderSize, entry, consumed: ExampleFormat.HeaderSize)
    {
    }

    protected override string FileKind => "this exampleformat file";

    public static ExampleReader Open(Stream stream)
    {
        Span<byte> head = stackalloc byte[ExampleFormat.HeaderSize];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head.StartsWith(ExampleFormat.Magic))
        {
            throw new MalformedArrayException("the exampleformat magic is missing");
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(head[8..]);
        if (count < 0 || (stream.CanSeek && count > (stream.Length - ExampleFormat.HeaderSize) / sizeof(double)))
        {
            throw new MalformedArrayException($"the header says {count} values, which the file does not hold");
        }

        return new ExampleReader(stream, new ArrayEntry("", ArrayHeader.Create(DType.Float64, count)));
    }
}
