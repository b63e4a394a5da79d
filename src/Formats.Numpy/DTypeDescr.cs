using System.Globalization;
using Formats.Literals;

namespace Formats.Numpy;

/// <summary>
/// NumPy's <c>descr</c> in either form: the simple type string (<c>&lt;f8</c>, see <see cref="DType.Parse"/>) or
/// the Python list of fields of a structured dtype, parsed as NumPy's <c>descr_to_dtype</c> does. The text form
/// is <see cref="DType.ToString"/>.
/// </summary>
public static class DTypeDescr
{
    /// <summary>
    /// Parses descr text as given on a command line or in a header: either a simple type string
    /// (<c>&lt;f4</c>, <c>int16</c>, <c>M8[ns]</c>) or a Python literal: a list of fields, or a (type, shape) tuple.
    /// </summary>
    /// <exception cref="ArrayFormatException">The text is not a dtype NumPy files can hold.</exception>
    public static DType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.StartsWith('[') || trimmed.StartsWith('(') || trimmed.StartsWith('\'') || trimmed.StartsWith('"')
            ? FromLiteral(PyLiteralParser.Parse(trimmed))
            : DType.Parse(trimmed);
    }

    /// <summary>Builds a dtype from a parsed header literal, as NumPy's <c>descr_to_dtype</c>.</summary>
    /// <exception cref="ArrayFormatException">The literal is not a valid descr.</exception>
    internal static DType FromLiteral(object? descr) => descr switch
    {
        string s => DType.Parse(s),
        PyTuple { Items.Count: 2 } t => SubarrayOf(FromLiteral(t.Items[0]), t.Items[1]),
        PyList list => Structured(list),
        _ => throw new MalformedArrayException($"descr is not a valid dtype descriptor: {Describe(descr)}"),
    };

    private static DType Structured(PyList list)
    {
        var fields = new List<DTypeField>(list.Items.Count);
        var offset = 0L;
        foreach (var item in list.Items)
        {
            if (item is not PyTuple { Items.Count: 2 or 3 } tuple)
            {
                throw new MalformedArrayException($"structured descr entry is not a (name, type) or (name, type, shape) tuple: {Describe(item)}");
            }

            var type = FromLiteral(tuple.Items[1]);
            if (tuple.Items.Count == 3)
            {
                type = SubarrayOf(type, tuple.Items[2]);
            }

            var (title, name) = tuple.Items[0] switch
            {
                string n => ((string?)null, n),
                PyTuple { Items: [string t, string n] } => (t, n),
                var other => throw new MalformedArrayException($"structured field name is not a string or (title, name) pair: {Describe(other)}"),
            };

            // NumPy writes gaps as ('', '|Vn') entries: they only advance the offset. descr_to_dtype takes any entry
            // named '' (not a title pair) whose type is unstructured void or a subarray as padding; any other entry named
            // '' stays a field named '' (np.load keeps the empty name and np.save writes it back as '').
            var isPadding = tuple.Items[0] is "" && type.Kind is DTypeKind.Void or DTypeKind.Subarray;
            if (!isPadding)
            {
                if (fields.Any(f => f.Name == name || f.Title == name || (title is not null && (f.Name == title || f.Title == title))))
                {
                    throw new MalformedArrayException($"structured field name '{name}' appears twice");
                }

                fields.Add(new DTypeField(name, type, (int)offset, title));
            }

            offset += type.ItemSize;
            if (offset > int.MaxValue)
            {
                throw new UnsupportedArrayException($"structured dtype of {offset} bytes is too large");
            }
        }

        return DType.Structured(fields, (int)offset);
    }

    private static DType SubarrayOf(DType baseType, object? shape) => shape switch
    {
        long n => DType.Subarray(baseType, n),
        PyTuple { Items.Count: 0 } => baseType,
        PyTuple t when t.Items.All(i => i is long) => DType.Subarray(baseType, [.. t.Items.Cast<long>()]),
        _ => throw new MalformedArrayException($"subarray shape is not an int or a tuple of ints: {Describe(shape)}"),
    };

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string s => PyRepr.String(s.Length <= 40 ? s : s[..40] + "..."),
        long n => n.ToString(CultureInfo.InvariantCulture),
        bool b => PyRepr.Bool(b),
        PyTuple => "a tuple",
        PyList => "a list",
        PyDict => "a dict",
        _ => value.GetType().Name,
    };
}
