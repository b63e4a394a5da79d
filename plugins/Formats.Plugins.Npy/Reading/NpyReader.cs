using Formats.IO;
using Formats.Numpy;

namespace Formats.Plugins.Npy.Reading;

/// <summary>Reads the NPY header on construction and checks the file holds the data it declares.</summary>
internal sealed class NpyReader : SingleArrayReader
{
    private NpyReader(Stream stream, long start, NpyHeader header)
        : base(stream, start + header.DataOffset, new ArrayEntry("", header.Array) { Version = header.Version, StoredLength = header.Array.ByteLength },
            consumed: header.DataOffset)
    {
    }

    protected override string FileKind => "an NPY file";

    public static NpyReader Open(Stream stream, ArrayReadOptions options)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        var available = StreamIO.RemainingLength(stream);
        var header = NpyHeaderCodec.Read(stream, options.MaxHeaderSize, available);
        var dataBytes = header.Array.ByteLength;
        if (available is { } total && total - header.DataOffset < dataBytes)
        {
            throw new MalformedArrayException(
                $"data is truncated: the header declares {dataBytes} bytes ({header.Array.DType} {header.Array.Shape}) but only {total - header.DataOffset} follow it (file seems not fully written)");
        }

        return new NpyReader(stream, start, header);
    }
}
