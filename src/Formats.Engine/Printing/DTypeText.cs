using System.Globalization;
using System.Text;
using Formats.Literals;

namespace Formats.Printing;

/// <summary>How NumPy names a dtype in an array's repr (<c>dtype=...</c>).</summary>
internal static class DTypeText
{
    /// <summary>
    /// Whether the repr leaves the dtype out: NumPy's default types (<c>int64</c>, <c>float64</c>, <c>complex128</c>,
    /// <c>bool</c>) in either byte order, when the array is not empty.
    /// </summary>
    public static bool IsImplied(DType dtype) => (dtype.Kind, dtype.ItemSize) is (DTypeKind.Bool, 1) or (DTypeKind.Int, 8) or (DTypeKind.Float, 8) or (DTypeKind.Complex, 16);

    /// <summary>NumPy's <c>dtype_short_repr</c>: the structure for records, the quoted type string for flexible types, else the name.</summary>
    public static string ShortRepr(DType dtype)
    {
        if (dtype.Kind == DTypeKind.Structured)
        {
            return Structured(dtype);
        }

        if (dtype.Kind is DTypeKind.Bytes or DTypeKind.Unicode or DTypeKind.Void)
        {
            return "'" + dtype.TypeString + "'";
        }

        var name = Name(dtype);
        return name.All(char.IsAsciiLetterOrDigit) ? name : "'" + name + "'";
    }

    /// <summary>NumPy's <c>dtype.name</c> of a non-flexible dtype.</summary>
    public static string Name(DType dtype) => dtype.Kind switch
    {
        DTypeKind.Bool => "bool",
        DTypeKind.Int => $"int{dtype.ItemSize * 8}",
        DTypeKind.UInt => $"uint{dtype.ItemSize * 8}",
        DTypeKind.Float => $"float{dtype.ItemSize * 8}",
        DTypeKind.Complex => $"complex{dtype.ItemSize * 8}",
        DTypeKind.DateTime => "datetime64" + Unit(dtype),
        DTypeKind.TimeDelta => "timedelta64" + Unit(dtype),
        _ => dtype.TypeString,
    };

    // NumPy's str(dtype) of a structured dtype: the list form when the fields are packed in order, else the dict form.
    private static string Structured(DType dtype)
    {
        var offset = 0;
        var packed = true;
        foreach (var f in dtype.Fields)
        {
            packed &= f.Offset == offset;
            offset += f.DType.ItemSize;
        }

        packed &= offset == dtype.ItemSize;
        var sb = new StringBuilder();
        if (packed)
        {
            sb.Append('[');
            var first = true;
            foreach (var f in dtype.Fields)
            {
                sb.Append(first ? "(" : ", (");
                first = false;
                sb.Append(f.Title is null ? PyRepr.String(f.Name) : $"({PyRepr.String(f.Title)}, {PyRepr.String(f.Name)})").Append(", ");
                if (f.DType.Kind == DTypeKind.Subarray)
                {
                    sb.Append(Construction(f.DType.SubarrayBase!)).Append(", ").Append(new ArrayShape(f.DType.SubarrayShape));
                }
                else
                {
                    sb.Append(Construction(f.DType));
                }

                sb.Append(')');
            }

            return sb.Append(']').ToString();
        }

        sb.Append("{'names': [").AppendJoin(", ", dtype.Fields.Select(f => PyRepr.String(f.Name)));
        sb.Append("], 'formats': [").AppendJoin(", ", dtype.Fields.Select(f => Construction(f.DType)));
        sb.Append("], 'offsets': [").AppendJoin(", ", dtype.Fields.Select(f => f.Offset.ToString(CultureInfo.InvariantCulture)));
        if (dtype.Fields.Any(f => f.Title is not null))
        {
            sb.Append("], 'titles': [").AppendJoin(", ", dtype.Fields.Select(f => f.Title is null ? "None" : PyRepr.String(f.Title)));
        }

        return sb.Append("], 'itemsize': ").Append(dtype.ItemSize.ToString(CultureInfo.InvariantCulture)).Append('}').ToString();
    }

    // NumPy's _construction_repr(short=True) of a field's dtype.
    private static string Construction(DType dtype)
    {
        var order = dtype.ByteOrder switch { ByteOrder.Little => "<", ByteOrder.Big => ">", _ => "" };
        return dtype.Kind switch
        {
            DTypeKind.Structured => Structured(dtype),
            DTypeKind.Subarray => $"({Construction(dtype.SubarrayBase!)}, {new ArrayShape(dtype.SubarrayShape)})",
            DTypeKind.Bool => "'?'",
            DTypeKind.Bytes => dtype.ItemSize == 0 ? "'S'" : $"'S{dtype.ItemSize}'",
            DTypeKind.Unicode => dtype.ItemSize == 0 ? $"'{order}U'" : $"'{order}U{dtype.ItemSize / 4}'",
            DTypeKind.Void => dtype.ItemSize == 0 ? "'V'" : $"'V{dtype.ItemSize}'",
            DTypeKind.DateTime => $"'{order}M8{Unit(dtype)}'",
            DTypeKind.TimeDelta => $"'{order}m8{Unit(dtype)}'",
            _ => $"'{order}{KindChar(dtype.Kind)}{dtype.ItemSize}'",
        };
    }

    private static char KindChar(DTypeKind kind) => kind switch { DTypeKind.Int => 'i', DTypeKind.UInt => 'u', DTypeKind.Float => 'f', _ => 'c' };

    private static string Unit(DType dtype) => dtype.Unit.Length == 0 ? "" : "[" + dtype.Unit + "]";
}
