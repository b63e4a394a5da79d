using System.Buffers.Binary;
using System.Globalization;

namespace Formats.Plugins.Text.Reading;

/// <summary>
/// Parses one field into one element's bytes as <c>np.loadtxt</c> does: floats are correctly rounded doubles
/// (<c>nan</c>, <c>inf</c>, <c>infinity</c> in any case, with a sign), narrowed to float32/float16 from the double;
/// integers are read as 64-bit integers and wrapped to the dtype's width (so <c>300</c> as int8 is 44, as in NumPy),
/// and integral float text (<c>1e5</c>) is accepted; booleans are integers, nonzero being true.
/// </summary>
internal sealed class ValueParser
{
    private readonly DType dtype;

    public ValueParser(DType dtype)
    {
        var supported = dtype.Kind switch
        {
            DTypeKind.Bool => true,
            DTypeKind.Int or DTypeKind.UInt => dtype.ItemSize is 1 or 2 or 4 or 8,
            DTypeKind.Float => dtype.ItemSize is 2 or 4 or 8,
            _ => false,
        };
        if (!supported)
        {
            throw new UnsupportedArrayException($"text is read as a boolean, integer or float16/32/64 dtype, not {dtype}");
        }

        this.dtype = dtype.ToNativeByteOrder();
    }

    /// <summary>The dtype written (the requested one, in this machine's byte order).</summary>
    public DType DType => dtype;

    /// <summary>Writes the value of <paramref name="field"/> to <paramref name="destination"/>; false when it is not one.</summary>
    public bool TryParse(string field, Span<byte> destination)
    {
        if (dtype.Kind == DTypeKind.Float)
        {
            if (!TryParseDouble(field, out var d))
            {
                return false;
            }

            switch (dtype.ItemSize)
            {
                case 2:
                    BinaryPrimitives.WriteHalfLittleEndian(destination, (Half)d);
                    break;
                case 4:
                    BinaryPrimitives.WriteSingleLittleEndian(destination, (float)d);
                    break;
                default:
                    BinaryPrimitives.WriteDoubleLittleEndian(destination, d);
                    break;
            }

            return true;
        }

        if (!TryParseInteger(field, out var bits))
        {
            return false;
        }

        if (dtype.Kind == DTypeKind.Bool)
        {
            destination[0] = bits != 0 ? (byte)1 : (byte)0;
            return true;
        }

        switch (dtype.ItemSize)
        {
            case 1:
                destination[0] = (byte)bits;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)bits);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)bits);
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(destination, bits);
                break;
        }

        return true;
    }

    /// <summary>The dtype's NumPy name for messages (<c>float64</c>, <c>int8</c>, <c>bool</c>).</summary>
    public string Name => dtype.Kind switch
    {
        DTypeKind.Bool => "bool",
        DTypeKind.Int => "int" + (dtype.ItemSize * 8).ToString(CultureInfo.InvariantCulture),
        DTypeKind.UInt => "uint" + (dtype.ItemSize * 8).ToString(CultureInfo.InvariantCulture),
        _ => "float" + (dtype.ItemSize * 8).ToString(CultureInfo.InvariantCulture),
    };

    private static bool TryParseDouble(string field, out double value)
    {
        var text = field.AsSpan().Trim();
        var unsigned = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        var negative = text.Length > 0 && text[0] == '-';
        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            // NumPy's NaN has the sign its text has; .NET's double.NaN has the sign bit set.
            value = BitConverter.Int64BitsToDouble(negative ? unchecked((long)0xFFF8000000000000) : 0x7FF8000000000000);
            return true;
        }

        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        // Digits, a point and an exponent only: .NET's own words for infinity and NaN are not NumPy's.
        if (unsigned.Length == 0 || !(char.IsAsciiDigit(unsigned[0]) || unsigned[0] == '.'))
        {
            value = 0;
            return false;
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseInteger(string field, out ulong bits)
    {
        var text = field.AsSpan().Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            bits = (ulong)signed;
            return true;
        }

        if (ulong.TryParse(text.StartsWith("+") ? text[1..] : text, NumberStyles.None, CultureInfo.InvariantCulture, out bits))
        {
            return true;
        }

        // NumPy still parses an integer through a float (deprecated since 1.23): 1.5 is 1, 1e5 is 100000.
        if (TryParseDouble(field, out var d) && double.IsFinite(d) && Math.Abs(d) < 9.2233720368547758E18)
        {
            bits = (ulong)(long)Math.Truncate(d);
            return true;
        }

        bits = 0;
        return false;
    }
}
