using System.Globalization;
using System.Text;

namespace Formats.Printing;

/// <summary>
/// An array's values as JSON, for jq and scripts: what Python's <c>json.dumps(a.tolist(), separators=(',', ':'))</c>
/// writes, nested lists in C order (also for Fortran-ordered data), a 0-d array as its one value. Floats are Python's
/// <c>repr</c> of the value widened to float64 (as <c>tolist</c> widens float16 and float32); NaN and infinities, which
/// JSON has no numbers for, are the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>. Bool, integer and
/// float arrays only.
/// </summary>
public static class ArrayJson
{
    /// <summary>The JSON text of <paramref name="array"/>'s values.</summary>
    /// <exception cref="ArrayFormatException">The dtype is not bool, integer or float.</exception>
    public static string Format(NDArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var header = array.Header;
        var t = header.DType;
        if (t.Kind is not (DTypeKind.Bool or DTypeKind.Int or DTypeKind.UInt or DTypeKind.Float) || (t.Kind == DTypeKind.Float && t.ItemSize > 8))
        {
            throw new UnsupportedArrayException($"JSON values are written for bool, integer and float arrays; this one is {t.TypeString}");
        }

        var dims = header.Shape.Dimensions.ToArray();
        var strides = new long[dims.Length];
        var step = (long)t.ItemSize;
        for (var k = 0; k < dims.Length; k++)
        {
            // C order: the last axis varies fastest in memory; Fortran order: the first.
            var axis = header.FortranOrder ? k : dims.Length - 1 - k;
            strides[axis] = step;
            step *= dims[axis];
        }

        var text = new StringBuilder();
        Write(array, t, dims, strides, 0, 0, text);
        return text.ToString();
    }

    /// <summary>The JSON text of the values of the array of <paramref name="path"/> that <paramref name="request"/> selects
    /// (its member and rows), read whole.</summary>
    /// <exception cref="ArrayFormatException">The file, member or rows cannot be read, or the dtype is not bool, integer or float; the message names the file.</exception>
    public static string FormatFile(ArrayFiles files, string path, ReadRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var array = files.Read(path, request ?? ReadRequest.Default);
        return FileErrors.Guard(path, () => Format(array));
    }

    private static void Write(NDArray array, DType t, long[] dims, long[] strides, int axis, long offset, StringBuilder text)
    {
        if (axis == dims.Length)
        {
            WriteItem(array.GetBytes(offset, t.ItemSize), t, text);
            return;
        }

        text.Append('[');
        for (var i = 0L; i < dims[axis]; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Write(array, t, dims, strides, axis + 1, offset + (i * strides[axis]), text);
        }

        text.Append(']');
    }

    private static void WriteItem(ReadOnlySpan<byte> item, DType t, StringBuilder text)
    {
        switch (t.Kind)
        {
            case DTypeKind.Bool:
                text.Append(item[0] != 0 ? "true" : "false");
                break;
            case DTypeKind.Int or DTypeKind.UInt:
                text.Append(ItemValues.Integer(item, t).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                var v = ItemValues.Float(item, t.ItemSize, t.ByteOrder);
                text.Append(double.IsNaN(v) ? "\"NaN\"" : double.IsPositiveInfinity(v) ? "\"Infinity\"" : double.IsNegativeInfinity(v) ? "\"-Infinity\"" : PythonRepr(v));
                break;
        }
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest digits that read back, in positional notation when the decimal
    /// point falls within 16 digits and at most three zeros after it, else as <c>1e-05</c> or <c>1.5e+16</c>.</summary>
    internal static string PythonRepr(double value)
    {
        // .NET's round-trip format gives the same shortest digits; only the layout differs from Python's.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var sign = r.StartsWith('-') ? "-" : "";
        r = r.TrimStart('-');
        var exponent = 0;
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? r : r[..dot];
        var digits = whole + (dot < 0 ? "" : r[(dot + 1)..]);
        var point = whole.Length + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        point -= lead;
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            (digits, point) = ("0", 1);
        }

        // float_repr_style 'short', mode 'r': positional for -4 < point <= 16.
        if (point is > -4 and <= 16)
        {
            return sign + (point <= 0
                ? "0." + new string('0', -point) + digits
                : point >= digits.Length
                    ? digits + new string('0', point - digits.Length) + ".0"
                    : digits[..point] + "." + digits[point..]);
        }

        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        var exp = point - 1;
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }
}
