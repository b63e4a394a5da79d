using System.Globalization;

namespace Formats.Printing;

/// <summary>
/// Which columns to print: field names of a structured array (the result is NumPy's
/// <c>repack_fields(a[['x', 'y']])</c>), or indices and <c>START:STOP</c> ranges along axis 1 of an array of two or
/// more dimensions (<c>a[:, [0, 2, 3, 4]]</c> for <c>0,2:5</c>; negative indices count from the end).
/// </summary>
public sealed class ArrayColumns
{
    private ArrayColumns(IReadOnlyList<string> items) => Items = items;

    /// <summary>The comma-separated items as given.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Parses <c>x,y</c> or <c>0,2:5,-1</c>; which of the two it is depends on the array it is applied to.</summary>
    /// <exception cref="ArrayFormatException">The text names nothing.</exception>
    public static ArrayColumns Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Any(i => i.Length == 0)
            ? throw new ArrayFormatException($"columns '{text}' has an empty item")
            : new ArrayColumns(items);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Items);

    /// <summary>The fields these items name, repacked in the order given.</summary>
    internal (DType DType, List<(int From, int To, int Size)> Copies) ResolveFields(DType dtype)
    {
        var fields = new List<DTypeField>();
        var copies = new List<(int From, int To, int Size)>();
        var offset = 0;
        foreach (var name in Items)
        {
            var field = dtype.Fields.FirstOrDefault(f => f.Name == name)
                ?? throw new ArrayFormatException($"no field '{name}' (fields: {string.Join(", ", dtype.Fields.Select(f => f.Name))})");
            if (fields.Any(f => f.Name == name))
            {
                throw new ArrayFormatException($"field '{name}' is selected twice");
            }

            fields.Add(field with { Offset = offset });
            copies.Add((field.Offset, offset, field.DType.ItemSize));
            offset += field.DType.ItemSize;
        }

        return (DType.Structured(fields, offset), copies);
    }

    /// <summary>The indices along an axis of <paramref name="length"/> these items select, in order.</summary>
    internal long[] ResolveIndices(long length)
    {
        var result = new List<long>();
        foreach (var item in Items)
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                var index = Integer(item);
                var resolved = index < 0 ? index + length : index;
                if (resolved < 0 || resolved >= length)
                {
                    throw new ArrayFormatException($"column {index} is out of range for axis 1 of length {length}");
                }

                result.Add(resolved);
            }
            else
            {
                var start = item[..colon].Length == 0 ? (long?)null : Integer(item[..colon]);
                var stop = item[(colon + 1)..].Length == 0 ? (long?)null : Integer(item[(colon + 1)..]);
                var range = RowRange.Resolve(start, stop, length);
                for (var i = range.Start; i < range.Stop; i++)
                {
                    result.Add(i);
                }
            }
        }

        return [.. result];
    }

    private static long Integer(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArrayFormatException($"column '{text}' is not an index or START:STOP range (field names select columns of structured arrays only)");
}
