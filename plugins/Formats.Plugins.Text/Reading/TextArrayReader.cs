using System.Globalization;

namespace Formats.Plugins.Text.Reading;

/// <summary>
/// Reads a delimited text file as <c>np.loadtxt(f, delimiter=..., dtype=..., skiprows=...)</c> does. A first pass
/// counts rows and columns (the shape comes before the data); the data is parsed on a second pass as it is read, so
/// files larger than memory pass through. The shape is NumPy's: rows × columns, squeezed (one row or one column
/// gives a 1-D array, one value a 0-d array, no data a 1-D array of length 0).
/// </summary>
internal sealed class TextArrayReader : IArrayReader
{
    private readonly Stream stream;
    private readonly long start;
    private readonly char? delimiter;
    private readonly TextReadOptions options;
    private readonly ValueParser parser;
    private readonly int columns;

    private TextArrayReader(Stream stream, long start, char? delimiter, TextReadOptions options, ValueParser parser, long rows, int columns)
    {
        this.stream = stream;
        this.start = start;
        this.delimiter = delimiter;
        this.options = options;
        this.parser = parser;
        this.columns = columns;
        var shape = (rows, columns) switch
        {
            (0, _) => new ArrayShape(0),
            (1, 1) => ArrayShape.Scalar,
            (1, _) => new ArrayShape(columns),
            (_, 1) => new ArrayShape(rows),
            _ => new ArrayShape(rows, columns),
        };
        Entries = [new ArrayEntry("", new ArrayHeader(parser.DType, shape))];
    }

    public IReadOnlyList<ArrayEntry> Entries { get; }

    public static TextArrayReader Open(Stream stream, char? delimiter, ArrayReadOptions readOptions)
    {
        if (!stream.CanSeek)
        {
            throw new UnsupportedArrayException("a text file is read twice (once to count its rows and columns, once to parse them), so it must be a seekable file, not a pipe");
        }

        var options = readOptions.Get<TextReadOptions>() ?? TextReadOptions.Default;
        if (options.SkipRows < 0)
        {
            throw new ArrayFormatException($"skiprows {options.SkipRows} is negative");
        }

        var parser = new ValueParser(options.DType);
        var start = stream.Position;
        using var lines = new TextLines(stream, delimiter, options);
        long rows = 0;
        var columns = 0;
        while (lines.Next(out var fields, out var line))
        {
            if (rows == 0)
            {
                columns = fields.Length;
            }
            else if (fields.Length != columns)
            {
                throw new MalformedArrayException(
                    $"the number of columns changed from {columns.ToString(CultureInfo.InvariantCulture)} to {fields.Length.ToString(CultureInfo.InvariantCulture)} at row {(line + 1).ToString(CultureInfo.InvariantCulture)}");
            }

            rows++;
        }

        return new TextArrayReader(stream, start, delimiter, options, parser, rows, columns);
    }

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        if (!string.IsNullOrEmpty(name))
        {
            throw new MemberNotFoundException($"a text file holds one unnamed array, not a member '{name}'", name, []);
        }

        var header = Entries[0].Header;
        long first = 0;
        if (rows is { } r)
        {
            header = RowSelection.Select(header, r);
            first = r.Start * Entries[0].Header.Shape.ElementsPerRow;
        }

        stream.Position = start;
        return new TextParseStream(header, new TextLines(stream, delimiter, options), parser, columns, first);
    }

    public void Dispose()
    {
    }
}
