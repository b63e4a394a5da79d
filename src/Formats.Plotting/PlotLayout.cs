using System.Globalization;

namespace Formats.Plotting;

/// <summary>
/// How an array's bytes become series: which channels (columns of a 2-D array, numeric fields of a structured one)
/// are drawn, where each lies in a row, and whether the data arrives row by row or column by column.
/// </summary>
internal sealed class PlotLayout
{
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
    /// <param name="columns"><see cref="PlotOptions.Columns"/>: indices and <c>START:STOP</c> ranges of a 2-D array, or field names; null for all.</param>
    /// <exception cref="ArrayFormatException">The array cannot be drawn.</exception>
    /// <exception cref="PlotOptionException"><paramref name="columns"/> names what the array does not have.</exception>
    public static PlotLayout For(ArrayHeader header, string? columns)
    {
        var dtype = header.DType;
        if (header.Shape.Rank is 0 or > 2)
        {
            throw new UnsupportedArrayException(
                $"plot draws 1-D and 2-D arrays (and 1-D structured ones); this one has shape {header.Shape}");
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
                    throw new PlotOptionException("this array is 1-D: only a 2-D array has columns and a structured one fields to choose", nameof(PlotOptions.Columns));
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

        return layout;
    }

    /// <summary>What <paramref name="requested"/> draws of this layout: <see cref="PlotKind.Auto"/> made lines or a heatmap.</summary>
    /// <exception cref="PlotOptionException">Lines of more than <see cref="PlotOptions.MaxLines"/> series.</exception>
    public PlotKind Resolve(PlotKind requested)
    {
        var lines = Channels.Count <= PlotOptions.MaxLines;
        return requested switch
        {
            PlotKind.Auto => lines ? PlotKind.Lines : PlotKind.Image,
            PlotKind.Lines when !lines => throw new PlotOptionException(
                $"{Channels.Count} series are too many lines for one plot (at most {PlotOptions.MaxLines})", nameof(PlotOptions.Kind)),
            _ => requested,
        };
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
                (long? Start, long? Stop) slice;
                try
                {
                    slice = RowRange.ParseSlice(token);
                }
                catch (ArrayFormatException)
                {
                    throw NotAColumn(token, count);
                }

                var range = RowRange.Resolve(slice.Start, slice.Stop, count);
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
                throw NotAColumn(token, count);
            }

            var resolved = index < 0 ? count + index : index;
            if (resolved < 0 || resolved >= count)
            {
                throw new PlotOptionException($"column {index} is outside the array's {count} columns", nameof(PlotOptions.Columns));
            }

            if (seen.Add(resolved))
            {
                chosen.Add(resolved);
            }
        }

        return chosen.Count > 0 ? chosen : throw new PlotOptionException($"'{spec}' selects no column", nameof(PlotOptions.Columns));
    }

    private static PlotOptionException NotAColumn(string token, long count) =>
        new($"'{token}' is not a column index or START:STOP (the array is 2-D, {count} columns)", nameof(PlotOptions.Columns));

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
                throw new PlotOptionException(
                    $"no numeric field '{name}' in dtype {dtype}; fields that can be drawn: {string.Join(", ", all.Select(c => c.Label))}",
                    nameof(PlotOptions.Columns));
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
