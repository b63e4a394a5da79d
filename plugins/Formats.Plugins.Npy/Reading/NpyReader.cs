using Formats.IO;
using Formats.Npy;

namespace Formats.Plugins.Npy.Reading;

/// <summary>Reads the NPY header on construction; data on demand, seeking straight to selected rows.</summary>
internal sealed class NpyReader : IArrayReader
{
    private readonly Stream stream;
    private readonly long start;
    private readonly NpyHeader header;
    private bool dataOpened;

    public NpyReader(Stream stream, ArrayReadOptions options)
    {
        this.stream = stream;
        start = stream.CanSeek ? stream.Position : 0;
        var available = StreamIO.RemainingLength(stream);
        header = NpyHeaderCodec.Read(stream, options.MaxHeaderSize, available);
        var dataBytes = header.Array.ByteLength;
        if (available is { } total && total - header.DataOffset < dataBytes)
        {
            throw new MalformedArrayException(
                $"data is truncated: the header declares {dataBytes} bytes ({header.Array.DType} {header.Array.Shape}) but only {total - header.DataOffset} follow it (file seems not fully written)");
        }

        Entries = [new ArrayEntry("", header.Array) { Version = header.Version, DataOffset = start + header.DataOffset, StoredLength = dataBytes }];
    }

    public IReadOnlyList<ArrayEntry> Entries { get; }

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        if (!string.IsNullOrEmpty(name))
        {
            throw new ArrayFormatException($"an NPY file holds one unnamed array, not a member '{name}'");
        }

        var skip = 0L;
        var array = rows is { } r ? header.Array.SelectRows(r, out skip) : header.Array;

        if (stream.CanSeek)
        {
            stream.Position = start + header.DataOffset + skip;
        }
        else
        {
            if (dataOpened)
            {
                throw new InvalidOperationException("the data of an unseekable NPY stream can be read only once");
            }

            StreamIO.Skip(stream, skip, "NPY data");
        }

        dataOpened = true;
        return new PassThroughReadStream(stream, array);
    }

    public void Dispose()
    {
        // The stream belongs to the caller.
    }
}
