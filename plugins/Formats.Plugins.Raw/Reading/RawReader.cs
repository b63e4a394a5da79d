using Formats.IO;

namespace Formats.Plugins.Raw.Reading;

/// <summary>Applies the caller's layout to the bytes after the offset, checking that the length matches exactly.</summary>
internal sealed class RawReader : IArrayReader
{
    private readonly Stream stream;
    private readonly long dataStart;
    private readonly ArrayHeader header;
    private bool dataOpened;

    public RawReader(Stream stream, ArrayReadOptions options)
    {
        this.stream = stream;
        var layout = options.Layout
            ?? throw new ArrayFormatException("a raw buffer has no header: give its dtype (--dtype), and optionally --shape, --offset and --order");
        if (layout.Offset < 0)
        {
            throw new ArrayFormatException($"offset {layout.Offset} is negative");
        }

        var start = stream.CanSeek ? stream.Position : 0;
        var available = StreamIO.RemainingLength(stream);
        if (available is { } total && layout.Offset > total)
        {
            throw new MalformedArrayException($"offset {layout.Offset} is past the end of the {total}-byte file");
        }

        var afterOffset = available - layout.Offset;
        var itemSize = layout.DType.ItemSize;
        ArrayShape shape;
        if (layout.Shape is { } given)
        {
            shape = given;
        }
        else if (afterOffset is { } bytes)
        {
            if (itemSize == 0)
            {
                throw new ArrayFormatException($"dtype {layout.DType} has zero-size items: give --shape");
            }

            if (bytes % itemSize != 0)
            {
                throw new MalformedArrayException($"the {bytes} bytes after offset {layout.Offset} are not a whole number of {itemSize}-byte {layout.DType} items");
            }

            shape = new ArrayShape(bytes / itemSize);
        }
        else
        {
            throw new ArrayFormatException("the length of an unseekable raw input is unknown: give --shape");
        }

        header = new ArrayHeader(layout.DType, shape, layout.Order);
        if (afterOffset is { } have && have != header.ByteLength)
        {
            throw new MalformedArrayException(have < header.ByteLength
                ? $"the file holds {have} bytes after offset {layout.Offset}, fewer than the {header.ByteLength} that {layout.DType} {shape} needs"
                : $"the file holds {have} bytes after offset {layout.Offset}, more than the {header.ByteLength} that {layout.DType} {shape} needs");
        }

        dataStart = start + layout.Offset;
        Entries = [new ArrayEntry("", header) { DataOffset = dataStart, StoredLength = header.ByteLength }];
    }

    public IReadOnlyList<ArrayEntry> Entries { get; }

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        if (!string.IsNullOrEmpty(name))
        {
            throw new ArrayFormatException($"a raw buffer holds one unnamed array, not a member '{name}'");
        }

        var skip = 0L;
        var array = rows is { } r ? header.SelectRows(r, out skip) : header;

        if (stream.CanSeek)
        {
            stream.Position = dataStart + skip;
        }
        else
        {
            if (dataOpened)
            {
                throw new InvalidOperationException("the data of an unseekable raw stream can be read only once");
            }

            StreamIO.Skip(stream, dataStart + skip, "raw data");
        }

        dataOpened = true;
        return new PassThroughReadStream(stream, array);
    }

    public void Dispose()
    {
    }
}
