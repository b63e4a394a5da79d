using System.Globalization;

namespace Formats.Host.Plotting;

/// <summary>
/// How an array's bytes become series: which channels (columns of a 2-D array, numeric fields of a structured one)
/// are drawn, where each lies in a row, and whether the data arrives row by row or column by column.
/// </summary>
internal sealed class PlotLayout
{
    /// <summary>More lines than this are unreadable; <c>--columns</c> or <c>--image</c> then says what to draw.</summary>
    public const int MaxLines = 32;

    private PlotLayout(ArrayHeader header, IReadOnlyList<PlotChannel> channels, bool columnMajor)
    {
        Header = header;
        Channels = channels;
        ColumnMajor = columnMajor;
    }

    /// <summary>The array as read (after any row selection).</summary>
    public ArrayHeader Header { get; }

    /// <summary>Rows along axis 0: the x axis.</summary>
    public long Rows => Header.Shape[0];

    /// <summary>The series, in the order drawn.</summary>
    public IReadOnlyList<PlotChannel> Channels { get; }

    /// <summary>
    /// True when the data arrives column after column (a whole Fortran-ordered 2-D array); each channel's
    /// <see cref="PlotChannel.Offset"/> is then its column index.
    /// </summary>
    public bool ColumnMajor { get; }

    /// <summary>True when every channel holds whole numbers.</summary>
    public bool Whole => Channels.All(c => ValueDecoder.IsWhole(c.DType));

    /// <summary>The layout of an array of <paramref name="header"/>, or an error that says why it cannot be drawn.</summary>
    /// <param name="header">The array as read.</param>
    /// <param name="columns"><c>--columns</c>: indices and <c>START:STOP</c> ranges of a 2-D array, or field names; null for all.</param>
    /// <param name="kind">What is drawn: lines are limited to <see cref="MaxLines"/>.</param>
    /// <exception cref="ArrayFormatException">The array cannot be drawn, or <paramref name="columns"/> names what it does not have.</exception>
    public static PlotLayout For(ArrayHeader header, string? columns, PlotKind kind)
    {
        var dtype = header.DType;
        if (header.Shape.Rank is 0 or > 2)
        {
            throw new UnsupportedArrayException(
                $"plot draws 1-D and 2-D arrays (and 1-D structured ones); this one has shape {header.Shape} (select a part with --rows, or reshape it)");
        }

        if (header.ElementCount == 0)
        {
            throw new ArrayFormatException($"the array (shape {header.Shape}) has no values to plot");
        }

        PlotLayout layout;
        if (dtype.Kind == DTypeKind.Structured)
        {
            if (header.Shape.Rank != 1)
            {
                throw new UnsupportedArrayException($"plot draws the fields of a 1-D structured array; this one has shape {header.Shape}");
            }

            layout = new PlotLayout(header, SelectFields(dtype, columns), columnMajor: false);
        }
        else
        {
            if (!ValueDecoder.CanDecode(dtype))
            {
                throw new UnsupportedArrayException($"plot draws booleans, integers and floats; dtype {PlotText.Descr(dtype)} is none of them");
            }

            if (header.Shape.Rank == 1)
            {
                if (columns is not null)
                {
                    throw new ArrayFormatException("--columns selects columns of a 2-D array or fields of a structured one; this array is 1-D");
                }

                layout = new PlotLayout(header, [new PlotChannel("values", 0, dtype)], columnMajor: false);
            }
            else
            {
                var columnMajor = header.IsFortranOnly;
                var chosen = SelectColumns(header.Shape[1], columns);
                var channels = chosen.Select(c => new PlotChannel($"[:, {c}]", columnMajor ? c : c * dtype.ItemSize, dtype)).ToList();
                layout = new PlotLayout(header, channels, columnMajor);
            }
        }

        if (kind == PlotKind.Lines && layout.Channels.Count > MaxLines)
        {
            throw new ArrayFormatException(
                $"{layout.Channels.Count} series are too many lines for one plot (at most {MaxLines}): choose some with --columns, or draw all with --image");
        }

        return layout;
    }

    // Indices and Python-style START:STOP ranges (negative from the end), each column once, in the order given.
    private static List<long> SelectColumns(long count, string? spec)
    {
        if (spec is null)
        {
            if (count > int.MaxValue)
            {
                throw new ArrayFormatException($"{count} columns are too many to plot");
            }

            return [.. Enumerable.Range(0, (int)count).Select(i => (long)i)];
        }

        var chosen = new List<long>();
        var seen = new HashSet<long>();
        foreach (var token in Tokens(spec))
        {
            if (token.Contains(':', StringComparison.Ordinal))
            {
                var (start, stop) = RowRange.ParseSlice(token);
                var range = RowRange.Resolve(start, stop, count);
                for (var c = range.Start; c < range.Stop; c++)
                {
                    if (seen.Add(c))
                    {
                        chosen.Add(c);
                    }
                }

                continue;
            }

            if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            {
                throw new ArrayFormatException($"--columns: '{token}' is not a column index or START:STOP (the array is 2-D, {count} columns)");
            }

            var resolved = index < 0 ? count + index : index;
            if (resolved < 0 || resolved >= count)
            {
                throw new ArrayFormatException($"--columns: column {index} is outside the array's {count} columns");
            }

            if (seen.Add(resolved))
            {
                chosen.Add(resolved);
            }
        }

        return chosen.Count > 0 ? chosen : throw new ArrayFormatException($"--columns '{spec}' selects no column");
    }

    private static List<PlotChannel> SelectFields(DType dtype, string? spec)
    {
        var all = new List<PlotChannel>();
        Flatten(dtype, "", 0, all);
        if (all.Count == 0)
        {
            throw new UnsupportedArrayException($"structured dtype {dtype} has no boolean, integer or float field to plot");
        }

        if (spec is null)
        {
            return all;
        }

        var chosen = new List<PlotChannel>();
        foreach (var name in Tokens(spec))
        {
            // A field name selects it, or every element of a subarray field / every field nested in it.
            var matches = all.Where(c => c.Label == name || c.Label.StartsWith(name + "[", StringComparison.Ordinal)
                || c.Label.StartsWith(name + ".", StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                throw new ArrayFormatException(
                    $"--columns: no numeric field '{name}' in dtype {dtype}; fields that can be drawn: {string.Join(", ", all.Select(c => c.Label))}");
            }

            chosen.AddRange(matches.Where(m => !chosen.Contains(m)));
        }

        return chosen;
    }

    // Numeric fields, nested fields as a.b, subarray elements as a[0], a[1]...; other fields (strings, dates) are skipped.
    private static void Flatten(DType dtype, string name, long offset, List<PlotChannel> into)
    {
        switch (dtype.Kind)
        {
            case DTypeKind.Structured:
                foreach (var field in dtype.Fields)
                {
                    Flatten(field.DType, name.Length == 0 ? field.Name : $"{name}.{field.Name}", offset + field.Offset, into);
                }

                break;
            case DTypeKind.Subarray:
                var element = dtype.SubarrayBase!;
                var count = 1L;
                foreach (var d in dtype.SubarrayShape)
                {
                    count *= d;
                }

                for (var i = 0L; i < count && into.Count <= 4096; i++)
                {
                    Flatten(element, $"{name}[{i}]", offset + (i * element.ItemSize), into);
                }

                break;
            default:
                if (ValueDecoder.CanDecode(dtype))
                {
                    into.Add(new PlotChannel(name, offset, dtype));
                }

                break;
        }
    }

    private static IEnumerable<string> Tokens(string spec) =>
        spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
