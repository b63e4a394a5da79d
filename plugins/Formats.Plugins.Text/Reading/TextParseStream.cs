using System.Globalization;

namespace Formats.Plugins.Text.Reading;

/// <summary>
/// The array's bytes, parsed line by line as they are read: elements <c>first</c> to <c>first + count</c> in the
/// file's order (row-major, which is the array's C order). Lines before the first wanted element are skipped unparsed.
/// </summary>
internal sealed class TextParseStream : ArrayReadStream
{
    private readonly TextLines lines;
    private readonly ValueParser parser;
    private readonly int columns;
    private readonly long first;
    private readonly byte[] row;
    private long elementsBehind;
    private int rowLength;
    private int rowPosition;
    private long remaining;

    public TextParseStream(ArrayHeader header, TextLines lines, ValueParser parser, int columns, long first)
        : base(header)
    {
        this.lines = lines;
        this.parser = parser;
        this.columns = columns;
        this.first = first;
        row = new byte[Math.Max(columns, 1) * parser.DType.ItemSize];
        remaining = header.ByteLength;
    }

    public override long Remaining => remaining;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lines.Dispose();
        }

        base.Dispose(disposing);
    }

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (buffer.Length > 0 && remaining > 0)
        {
            if (rowPosition == rowLength)
            {
                NextRow();
            }

            var take = (int)Math.Min(Math.Min(buffer.Length, rowLength - rowPosition), remaining);
            row.AsSpan(rowPosition, take).CopyTo(buffer);
            rowPosition += take;
            buffer = buffer[take..];
            remaining -= take;
            total += take;
        }

        return total;
    }

    private void NextRow()
    {
        var itemSize = parser.DType.ItemSize;
        while (true)
        {
            if (!lines.Next(out var fields, out var line))
            {
                throw new MalformedArrayException("the file ended before all of its rows were read: it changed while it was read");
            }

            var start = elementsBehind;
            elementsBehind += columns;
            if (elementsBehind <= first)
            {
                continue;
            }

            if (fields.Length != columns)
            {
                throw new MalformedArrayException($"the number of columns changed from {columns} to {fields.Length} at row {line + 1}");
            }

            var skip = (int)Math.Max(0, first - start);
            for (var c = skip; c < columns; c++)
            {
                if (!parser.TryParse(fields[c], row.AsSpan((c - skip) * itemSize, itemSize)))
                {
                    throw new MalformedArrayException(
                        $"could not convert string '{fields[c]}' to {parser.Name} at row {line.ToString(CultureInfo.InvariantCulture)}, column {(c + 1).ToString(CultureInfo.InvariantCulture)}");
                }
            }

            rowLength = (columns - skip) * itemSize;
            rowPosition = 0;
            return;
        }
    }
}
