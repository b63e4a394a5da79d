using System.Globalization;
using Formats.Literals;

namespace Formats.Printing;

/// <summary>
/// Formats one item of an array as NumPy's <c>_get_format_function</c> would: the layout (widths, notation) is fixed
/// from every printed item first, then each item is formatted alone.
/// </summary>
internal abstract class ElementFormat
{
    /// <summary>The item of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
    public abstract string Format(byte[] buffer, int offset);

    /// <summary>The format for items of <paramref name="dtype"/> at <paramref name="offsets"/> in <paramref name="buffer"/>.</summary>
    /// <param name="dtype">The items' type.</param>
    /// <param name="buffer">Where the printed items lie.</param>
    /// <param name="offsets">Every printed item's offset.</param>
    /// <param name="zeroD">The items belong to a 0-d array (NumPy then prints <c>True</c> without its padding space).</param>
    /// <param name="precision">Digits after the point at most.</param>
    public static ElementFormat Create(DType dtype, byte[] buffer, IReadOnlyList<int> offsets, bool zeroD, int precision)
    {
        if (dtype.IsLongDouble)
        {
            throw new UnsupportedArrayException($"cannot print dtype {dtype.TypeString}: a long double has no .NET type to format it with");
        }

        return dtype.Kind switch
        {
            DTypeKind.Bool => new BoolFormat(zeroD),
            DTypeKind.Int or DTypeKind.UInt => new IntegerFormat(dtype, offsets.Select(o => ItemValues.Integer(buffer.AsSpan(o, dtype.ItemSize), dtype))),
            DTypeKind.Float => new FloatElementFormat(dtype, buffer, offsets, precision),
            DTypeKind.Complex => new ComplexFormat(dtype, buffer, offsets, precision),
            DTypeKind.DateTime => new TimeFormat(dtype, buffer, offsets, isDelta: false),
            DTypeKind.TimeDelta => new TimeFormat(dtype, buffer, offsets, isDelta: true),
            DTypeKind.Bytes => new BytesFormat(dtype.ItemSize),
            DTypeKind.Unicode => new UnicodeFormat(dtype),
            DTypeKind.Void => new VoidFormat(dtype.ItemSize),
            DTypeKind.Structured => new StructuredFormat(dtype, buffer, offsets, zeroD, precision),
            _ => throw new UnsupportedArrayException($"cannot print dtype {dtype}"),
        };
    }

    private sealed class BoolFormat(bool zeroD) : ElementFormat
    {
        public override string Format(byte[] buffer, int offset) => buffer[offset] != 0 ? (zeroD ? "True" : " True") : "False";
    }

    private sealed class IntegerFormat : ElementFormat
    {
        private readonly DType dtype;
        private readonly int width;

        public IntegerFormat(DType dtype, IEnumerable<Int128> values)
        {
            this.dtype = dtype;
            var list = values.ToList();
            width = list.Count == 0 ? 0 : Math.Max(Text(list.Max()).Length, Text(list.Min()).Length);
        }

        public override string Format(byte[] buffer, int offset) => Text(ItemValues.Integer(buffer.AsSpan(offset, dtype.ItemSize), dtype)).PadLeft(width);

        private static string Text(Int128 v) => v.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class FloatElementFormat : ElementFormat
    {
        private readonly DType dtype;
        private readonly FloatFormat format;

        public FloatElementFormat(DType dtype, byte[] buffer, IReadOnlyList<int> offsets, int precision)
        {
            this.dtype = dtype;
            var values = offsets.Select(o => ItemValues.Float(buffer.AsSpan(o, dtype.ItemSize), dtype.ItemSize, dtype.ByteOrder)).ToList();
            format = new FloatFormat(values, ItemValues.Width(dtype.ItemSize), precision, plusSign: false);
        }

        public override string Format(byte[] buffer, int offset) =>
            format.Format(ItemValues.Float(buffer.AsSpan(offset, dtype.ItemSize), dtype.ItemSize, dtype.ByteOrder));
    }

    private sealed class ComplexFormat : ElementFormat
    {
        private readonly int part;
        private readonly ByteOrder order;
        private readonly FloatFormat real;
        private readonly FloatFormat imaginary;

        public ComplexFormat(DType dtype, byte[] buffer, IReadOnlyList<int> offsets, int precision)
        {
            part = dtype.ItemSize / 2;
            order = dtype.ByteOrder;
            var width = ItemValues.Width(part);
            real = new FloatFormat([.. offsets.Select(o => Part(buffer, o))], width, precision, plusSign: false);
            imaginary = new FloatFormat([.. offsets.Select(o => Part(buffer, o + part))], width, precision, plusSign: true);
        }

        public override string Format(byte[] buffer, int offset)
        {
            var r = real.Format(Part(buffer, offset));
            var i = imaginary.Format(Part(buffer, offset + part));

            // The 'j' goes before the padding that aligns the imaginary parts.
            var end = i.TrimEnd().Length;
            return r + i[..end] + "j" + i[end..];
        }

        private double Part(byte[] buffer, int offset) => ItemValues.Float(buffer.AsSpan(offset, part), part, order);
    }

    private sealed class TimeFormat : ElementFormat
    {
        private readonly DType dtype;
        private readonly bool isDelta;
        private readonly int width;

        public TimeFormat(DType dtype, byte[] buffer, IReadOnlyList<int> offsets, bool isDelta)
        {
            this.dtype = dtype;
            this.isDelta = isDelta;
            var values = offsets.Select(o => Value(buffer, o)).ToList();
            var set = values.Where(v => v != DateTimeText.NaT).ToList();
            width = set.Count == 0 ? 0 : Math.Max(Text(set.Max()).Length, Text(set.Min()).Length);
            if (set.Count < values.Count)
            {
                width = Math.Max(width, 5);
            }
        }

        public override string Format(byte[] buffer, int offset)
        {
            var v = Value(buffer, offset);
            return (v == DateTimeText.NaT ? "'NaT'" : Text(v)).PadLeft(width);
        }

        private long Value(byte[] buffer, int offset) => (long)ItemValues.Integer(buffer.AsSpan(offset, 8), DType.Primitive(DTypeKind.Int, 8, dtype.ByteOrder));

        private string Text(long v) => isDelta ? v.ToString(CultureInfo.InvariantCulture) : "'" + DateTimeText.Format(v, dtype.Unit) + "'";
    }

    private sealed class BytesFormat(int size) : ElementFormat
    {
        public override string Format(byte[] buffer, int offset) => PyRepr.Bytes(ItemValues.TrimNuls(buffer.AsSpan(offset, size)));
    }

    private sealed class UnicodeFormat(DType dtype) : ElementFormat
    {
        public override string Format(byte[] buffer, int offset) => PyRepr.String(ItemValues.CodePoints(buffer.AsSpan(offset, dtype.ItemSize), dtype.ByteOrder));
    }

    private sealed class VoidFormat(int size) : ElementFormat
    {
        public override string Format(byte[] buffer, int offset) => PyRepr.Void(buffer.AsSpan(offset, size));
    }

    // NumPy's StructuredVoidFormat: each field with its own format, built from that field of every printed item.
    private sealed class StructuredFormat : ElementFormat
    {
        private readonly List<(DTypeField Field, ElementFormat Format)> fields = [];

        public StructuredFormat(DType dtype, byte[] buffer, IReadOnlyList<int> offsets, bool zeroD, int precision)
        {
            foreach (var field in dtype.Fields)
            {
                if (field.DType.Kind == DTypeKind.Subarray)
                {
                    var elementType = field.DType.SubarrayBase!;
                    var count = (int)(field.DType.ItemSize / Math.Max(1, elementType.ItemSize));
                    var inner = offsets.SelectMany(o => Enumerable.Range(0, count).Select(k => o + field.Offset + k * elementType.ItemSize)).ToList();
                    var shape = field.DType.SubarrayShape.ToArray();
                    fields.Add((field, new SubarrayFormat(Create(elementType, buffer, inner, zeroD: false, precision), elementType.ItemSize, shape)));
                }
                else
                {
                    fields.Add((field, Create(field.DType, buffer, [.. offsets.Select(o => o + field.Offset)], zeroD, precision)));
                }
            }
        }

        public override string Format(byte[] buffer, int offset)
        {
            var parts = fields.Select(f => f.Format.Format(buffer, offset + f.Field.Offset)).ToList();
            return parts.Count == 1 ? "(" + parts[0] + ",)" : "(" + string.Join(", ", parts) + ")";
        }
    }

    // NumPy's SubArrayFormat: nested lists, never summarised.
    private sealed class SubarrayFormat(ElementFormat element, int itemSize, long[] shape) : ElementFormat
    {
        public override string Format(byte[] buffer, int offset) => Nested(buffer, offset, 0);

        private string Nested(byte[] buffer, int offset, int axis)
        {
            if (axis == shape.Length)
            {
                return element.Format(buffer, offset);
            }

            var stride = itemSize;
            for (var i = axis + 1; i < shape.Length; i++)
            {
                stride *= (int)shape[i];
            }

            var parts = new List<string>();
            for (var i = 0; i < shape[axis]; i++)
            {
                parts.Add(Nested(buffer, offset + i * stride, axis + 1));
            }

            return "[" + string.Join(", ", parts) + "]";
        }
    }
}
