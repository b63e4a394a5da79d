using System.Globalization;
using System.Text;
using Formats.Literals;

namespace Formats;

/// <summary>
/// How NumPy names a dtype: the simple type string (<c>dtype.str</c>, e.g. <c>&lt;f8</c>) parsed and written, and
/// the descr written as <c>dtype.descr</c> does (the list-of-tuples form of structured dtypes included). Parsing
/// that list form needs a Python literal parser and lives with the NPY header codec (Formats.Numpy).
/// </summary>
internal static class DTypeSyntax
{
    private const string ObjectRefusal =
        "object dtype ('O') holds Python pickles; Formats never unpickles (NumPy refuses them by default too)";

    /// <summary>Parses a simple type string: optional byte order, type code, size and datetime unit.</summary>
    /// <exception cref="ArrayFormatException">The string names no dtype NumPy files can hold.</exception>
    public static DType ParseSimple(string descr)
    {
        if (Aliases.TryGetValue(descr, out var alias))
        {
            return ParseSimple(alias);
        }

        var span = descr.AsSpan();
        ByteOrder? order = null;
        if (span.Length > 0 && span[0] is '<' or '>' or '|' or '=')
        {
            order = span[0] switch { '<' => ByteOrder.Little, '>' => ByteOrder.Big, _ => null };
            span = span[1..];
        }

        var unit = "";
        var bracket = span.IndexOf('[');
        if (bracket >= 0)
        {
            if (!span.EndsWith("]") || bracket == 0)
            {
                throw Invalid(descr);
            }

            unit = span[(bracket + 1)..^1].ToString();
            span = span[..bracket];
            if (!IsValidUnit(unit))
            {
                throw new MalformedArrayException($"'{descr}' has an unknown datetime unit '{unit}'");
            }
        }

        if (span.Length == 0)
        {
            throw Invalid(descr);
        }

        var code = span[0];
        var digits = span[1..];
        if (Aliases.TryGetValue(span.ToString(), out var named))
        {
            var inner = ParseSimple(unit.Length > 0 ? $"{named}[{unit}]" : named);
            return order is null ? inner : inner.WithByteOrder(order.Value);
        }

        if (digits.Length == 0)
        {
            return FromCharCode(code, order, unit, descr);
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw Invalid(descr);
        }

        if (unit.Length > 0 && code is not ('M' or 'm'))
        {
            throw Invalid(descr);
        }

        return code switch
        {
            'b' => DType.Primitive(DTypeKind.Bool, size),
            'i' => DType.Primitive(DTypeKind.Int, size, order),
            'u' => DType.Primitive(DTypeKind.UInt, size, order),
            'f' => DType.Primitive(DTypeKind.Float, size, order),
            'c' => DType.Primitive(DTypeKind.Complex, size, order),
            'M' => DType.Primitive(DTypeKind.DateTime, size, order, unit),
            'm' => DType.Primitive(DTypeKind.TimeDelta, size, order, unit),
            'S' or 'a' => DType.Bytes(size),
            'U' => DType.Unicode(size, order),
            'V' => DType.Void(size),
            'O' => throw new UnsupportedArrayException(ObjectRefusal),
            _ => throw Invalid(descr),
        };
    }

    /// <summary>NumPy's descr of <paramref name="dtype"/> as header text (Python repr of <c>dtype.descr</c> or <c>dtype.str</c>).</summary>
    /// <exception cref="UnsupportedArrayException">A structured dtype has overlapping or out-of-order fields, which a descr cannot express.</exception>
    public static string Format(DType dtype)
    {
        var sb = new StringBuilder();
        switch (dtype.Kind)
        {
            case DTypeKind.Structured:
                AppendStructured(sb, dtype);
                break;
            case DTypeKind.Subarray:
                sb.Append('(');
                AppendFieldType(sb, dtype.SubarrayBase!);
                sb.Append(", ").Append(PyRepr.Tuple(dtype.SubarrayShape)).Append(')');
                break;
            default:
                sb.Append(PyRepr.String(TypeString(dtype)));
                break;
        }

        return sb.ToString();
    }

    /// <summary>NumPy's <c>dtype.str</c> of a non-structured dtype, e.g. <c>&lt;f4</c>, <c>|S10</c>, <c>&gt;M8[ns]</c>.</summary>
    public static string TypeString(DType dtype)
    {
        var order = dtype.ByteOrder switch { ByteOrder.Little => '<', ByteOrder.Big => '>', _ => '|' };
        return dtype.Kind switch
        {
            DTypeKind.Structured or DTypeKind.Subarray => $"|V{dtype.ItemSize}",
            DTypeKind.Unicode => $"{order}U{dtype.ItemSize / 4}",
            DTypeKind.DateTime or DTypeKind.TimeDelta when dtype.Unit.Length > 0 => $"{order}{DType.KindChar(dtype.Kind)}8[{dtype.Unit}]",
            _ => $"{order}{DType.KindChar(dtype.Kind)}{dtype.ItemSize}",
        };
    }

    private static void AppendStructured(StringBuilder sb, DType dtype)
    {
        sb.Append('[');
        var first = true;
        var offset = 0;
        // Declaration order, as NumPy's dtype.descr: fields out of offset order have no descr (np.save refuses them too).
        foreach (var field in dtype.Fields)
        {
            if (field.Offset < offset)
            {
                throw new UnsupportedArrayException("dtype.descr is not defined for types with overlapping or out-of-order fields");
            }

            if (field.Offset > offset)
            {
                AppendSeparator(sb, ref first).Append("('', '|V").Append(field.Offset - offset).Append("')");
            }

            AppendSeparator(sb, ref first).Append('(');
            sb.Append(field.Title is null ? PyRepr.String(field.Name) : $"({PyRepr.String(field.Title)}, {PyRepr.String(field.Name)})");
            sb.Append(", ");
            if (field.DType.Kind == DTypeKind.Subarray)
            {
                AppendFieldType(sb, field.DType.SubarrayBase!);
                sb.Append(", ").Append(PyRepr.Tuple(field.DType.SubarrayShape));
            }
            else
            {
                AppendFieldType(sb, field.DType);
            }

            sb.Append(')');
            offset = field.Offset + field.DType.ItemSize;
        }

        if (dtype.ItemSize > offset)
        {
            AppendSeparator(sb, ref first).Append("('', '|V").Append(dtype.ItemSize - offset).Append("')");
        }

        sb.Append(']');
    }

    private static void AppendFieldType(StringBuilder sb, DType dtype) => sb.Append(Format(dtype));

    private static StringBuilder AppendSeparator(StringBuilder sb, ref bool first)
    {
        if (!first)
        {
            sb.Append(", ");
        }

        first = false;
        return sb;
    }

    private static DType FromCharCode(char code, ByteOrder? order, string unit, string descr)
    {
        if (unit.Length > 0 && code is not ('M' or 'm'))
        {
            throw Invalid(descr);
        }

        return code switch
        {
            '?' => DType.Bool,
            'b' => DType.Int8,
            'B' => DType.UInt8,
            'h' => DType.Primitive(DTypeKind.Int, 2, order),
            'H' => DType.Primitive(DTypeKind.UInt, 2, order),
            'i' => DType.Primitive(DTypeKind.Int, 4, order),
            'I' => DType.Primitive(DTypeKind.UInt, 4, order),
            'l' or 'q' or 'p' => DType.Primitive(DTypeKind.Int, 8, order),
            'L' or 'Q' or 'P' => DType.Primitive(DTypeKind.UInt, 8, order),
            'e' => DType.Primitive(DTypeKind.Float, 2, order),
            'f' => DType.Primitive(DTypeKind.Float, 4, order),
            'd' => DType.Primitive(DTypeKind.Float, 8, order),
            'F' => DType.Primitive(DTypeKind.Complex, 8, order),
            'D' => DType.Primitive(DTypeKind.Complex, 16, order),
            // NumPy files always spell long doubles with their size (np.save writes '<f16', never 'g').
            'g' => throw new UnsupportedArrayException("long double dtype ('g') has a platform-defined size; give it with its size, e.g. '<f16'"),
            'G' => throw new UnsupportedArrayException("complex long double dtype ('G') has a platform-defined size; give it with its size, e.g. '<c32'"),
            'M' => DType.DateTime64(unit, order),
            'm' => DType.TimeDelta64(unit, order),
            'S' or 'a' => DType.Bytes(0),
            'c' => DType.Bytes(1),
            'U' => DType.Unicode(0, order),
            'V' => DType.Void(0),
            'O' => throw new UnsupportedArrayException(ObjectRefusal),
            _ => throw Invalid(descr),
        };
    }

    private static bool IsValidUnit(string unit) => TryNormalizeUnit(unit, out _);

    /// <summary>
    /// NumPy's canonical spelling of a datetime unit: multiplier 1 and leading zeros dropped, <c>μs</c> as <c>us</c>,
    /// generic (with any multiplier) as the empty string. False for units NumPy does not know.
    /// </summary>
    public static bool TryNormalizeUnit(string unit, out string normalized)
    {
        normalized = unit;
        if (unit.Length == 0)
        {
            return true;
        }

        var i = 0;
        while (i < unit.Length && char.IsAsciiDigit(unit[i]))
        {
            i++;
        }

        var baseUnit = unit[i..] == "\u03bcs" ? "us" : unit[i..];
        if (baseUnit is not ("Y" or "M" or "W" or "D" or "h" or "m" or "s" or "ms" or "us" or "ns" or "ps" or "fs" or "as" or "generic"))
        {
            return false;
        }

        var multiplier = 1;
        if (i > 0 && (!int.TryParse(unit.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out multiplier) || multiplier == 0))
        {
            return false;
        }

        normalized = baseUnit == "generic" ? "" : multiplier == 1 ? baseUnit : multiplier.ToString(CultureInfo.InvariantCulture) + baseUnit;
        return true;
    }

    private static MalformedArrayException Invalid(string descr) => new($"'{Clip(descr)}' is not a valid dtype descriptor");

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["bool"] = "|b1",
        ["int8"] = "|i1",
        ["uint8"] = "|u1",
        ["int16"] = "=i2",
        ["uint16"] = "=u2",
        ["int32"] = "=i4",
        ["uint32"] = "=u4",
        ["int64"] = "=i8",
        ["uint64"] = "=u8",
        ["float16"] = "=f2",
        ["float32"] = "=f4",
        ["float64"] = "=f8",
        ["complex64"] = "=c8",
        ["complex128"] = "=c16",
        ["float96"] = "=f12",
        ["float128"] = "=f16",
        ["complex192"] = "=c24",
        ["complex256"] = "=c32",
        ["datetime64"] = "=M8",
        ["timedelta64"] = "=m8",
        ["object"] = "|O",
    };
}
