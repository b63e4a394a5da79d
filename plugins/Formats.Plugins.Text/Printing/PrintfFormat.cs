using System.Globalization;
using System.Numerics;
using System.Text;

namespace Formats.Plugins.Text.Printing;

/// <summary>
/// One value's format in Python's <c>%</c> style, as <c>np.savetxt</c>'s single-format <c>fmt</c> gives it:
/// literal text around one conversion <c>%[flags][width][.precision]type</c>, type one of <c>d i u e E f F g G</c>.
/// The digits are the exact decimal value rounded half to even, as C's printf and Python print them.
/// </summary>
internal sealed class PrintfFormat
{
    private readonly string prefix;
    private readonly string suffix;
    private readonly bool left;
    private readonly bool plus;
    private readonly bool space;
    private readonly bool alternate;
    private readonly bool zero;
    private readonly int width;
    private readonly int? precision;
    private readonly char type;

    private PrintfFormat(string prefix, string suffix, string flags, int width, int? precision, char type)
    {
        this.prefix = prefix;
        this.suffix = suffix;
        left = flags.Contains('-', StringComparison.Ordinal);
        plus = flags.Contains('+', StringComparison.Ordinal);
        space = flags.Contains(' ', StringComparison.Ordinal);
        alternate = flags.Contains('#', StringComparison.Ordinal);
        zero = flags.Contains('0', StringComparison.Ordinal);
        this.width = width;
        this.precision = precision;
        this.type = type;
    }

    /// <summary>NumPy's default, <c>%.18e</c>: every float64 written so that it reads back exactly.</summary>
    public static PrintfFormat Default { get; } = Parse("%.18e");

    /// <summary>True for the integer conversions (<c>d i u</c>), which print floats truncated toward zero.</summary>
    public bool IsInteger => type is 'd' or 'i' or 'u';

    /// <summary>Parses <paramref name="fmt"/>, which holds exactly one percent sign, as np.savetxt requires of a single format.</summary>
    /// <exception cref="UnsupportedArrayException">Not exactly one supported conversion.</exception>
    public static PrintfFormat Parse(string fmt)
    {
        ArgumentNullException.ThrowIfNull(fmt);
        var literal = new StringBuilder();
        string? prefix = null;
        (string Flags, int Width, int? Precision, char Type)? spec = null;
        var i = 0;
        while (i < fmt.Length)
        {
            if (fmt[i] != '%')
            {
                literal.Append(fmt[i++]);
                continue;
            }

            // np.savetxt counts the percent signs of a single format: exactly one (so no '%%' either).
            if (spec is not null || (i + 1 < fmt.Length && fmt[i + 1] == '%'))
            {
                throw new UnsupportedArrayException($"format '{fmt}' has more than one % sign; give one conversion, such as '%.18e', used for every column (as np.savetxt)");
            }

            spec = ParseSpec(fmt, ref i);
            prefix = literal.ToString();
            literal.Clear();
        }

        if (spec is not { } s)
        {
            throw new UnsupportedArrayException($"format '{fmt}' has no conversion; give one such as '%.18e', '%d' or '%10.3f'");
        }

        return new PrintfFormat(prefix!, literal.ToString(), s.Flags, s.Width, s.Precision, s.Type);
    }

    /// <summary>Appends <paramref name="value"/> as Python's <c>fmt % value</c> prints a float.</summary>
    /// <exception cref="UnsupportedArrayException">An integer conversion of NaN or an infinity (Python refuses it too).</exception>
    public void Append(StringBuilder output, double value)
    {
        if (IsInteger)
        {
            if (!double.IsFinite(value))
            {
                throw new UnsupportedArrayException($"'{value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant()}' cannot be printed with integer format %{type}, as Python's int() cannot convert it");
            }

            AppendInteger(output, new BigInteger(Math.Truncate(value)));
            return;
        }

        var negative = double.IsNegative(value);
        var magnitude = Math.Abs(value);
        string body;
        if (!double.IsFinite(value))
        {
            body = double.IsNaN(value) ? "nan" : "inf";
            if (char.IsUpper(type))
            {
                body = body.ToUpperInvariant();
            }

            // A NaN's sign bit prints nothing, as in Python.
            negative = negative && !double.IsNaN(value);
        }
        else
        {
            body = type switch
            {
                'e' or 'E' => Exponent(magnitude, precision ?? 6, type),
                'f' or 'F' => Fixed(magnitude, precision ?? 6),
                _ => General(magnitude, precision ?? 6),
            };
        }

        // Python pads nan and inf with zeros too ('%010.3f' % nan is '0000000nan'), unlike C.
        Pad(output, Sign(negative), body, zero);
    }

    /// <summary>Appends an integer value: exact for integer conversions, as a float for the others.</summary>
    public void Append(StringBuilder output, BigInteger value)
    {
        if (IsInteger)
        {
            AppendInteger(output, value);
        }
        else
        {
            // Python converts an int to float for %e/%f/%g, rounding to nearest (BigInteger's own conversion truncates).
            Append(output, value >= long.MinValue && value <= long.MaxValue ? (double)(long)value
                : value >= 0 && value <= ulong.MaxValue ? (double)(ulong)value
                : throw new UnsupportedArrayException($"{value} is wider than 64 bits"));
        }
    }

    private void AppendInteger(StringBuilder output, BigInteger value)
    {
        var digits = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture);
        if (precision is { } p && digits.Length < p)
        {
            digits = new string('0', p - digits.Length) + digits;
        }

        Pad(output, Sign(value.Sign < 0), digits, zero && precision is null);
    }

    private string Sign(bool negative) => negative ? "-" : plus ? "+" : space ? " " : "";

    private void Pad(StringBuilder output, string sign, string body, bool zeroPad)
    {
        output.Append(prefix);
        var fill = width - sign.Length - body.Length;
        if (fill <= 0)
        {
            output.Append(sign).Append(body);
        }
        else if (left)
        {
            output.Append(sign).Append(body).Append(' ', fill);
        }
        else if (zeroPad)
        {
            output.Append(sign).Append('0', fill).Append(body);
        }
        else
        {
            output.Append(' ', fill).Append(sign).Append(body);
        }

        output.Append(suffix);
    }

    private string Exponent(double magnitude, int digits, char letter)
    {
        // .NET's "E" gives the exact value rounded half to even, as printf does; only the exponent's spelling differs.
        var text = magnitude.ToString("E" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = text[..e];
        if (alternate && digits == 0)
        {
            mantissa += ".";
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return mantissa + letter + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private string Fixed(double magnitude, int digits)
    {
        var text = magnitude.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return alternate && digits == 0 ? text + "." : text;
    }

    // C's %g: the precision counts significant digits; exponent form when the exponent is below -4 or not below it.
    private string General(double magnitude, int digits)
    {
        var p = digits == 0 ? 1 : digits;
        var probe = magnitude.ToString("E" + (p - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var x = int.Parse(probe.AsSpan(probe.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var letter = type == 'G' ? 'E' : 'e';
        var text = p > x && x >= -4 ? Fixed(magnitude, p - 1 - x) : Exponent(magnitude, p - 1, letter);
        return alternate ? text : TrimZeros(text, letter);
    }

    private static string TrimZeros(string text, char letter)
    {
        var e = text.IndexOf(letter, StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var tail = e < 0 ? "" : text[e..];
        if (mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        }

        return mantissa + tail;
    }

    private static (string Flags, int Width, int? Precision, char Type) ParseSpec(string fmt, ref int i)
    {
        var start = i++;
        var flags = new StringBuilder();
        while (i < fmt.Length && "-+ #0".Contains(fmt[i], StringComparison.Ordinal))
        {
            flags.Append(fmt[i++]);
        }

        var width = ReadNumber(fmt, ref i) ?? 0;
        int? precision = null;
        if (i < fmt.Length && fmt[i] == '.')
        {
            i++;
            precision = ReadNumber(fmt, ref i) ?? 0;
        }

        // Python accepts and ignores C's length modifiers.
        while (i < fmt.Length && fmt[i] is 'l' or 'h' or 'L')
        {
            i++;
        }

        if (i >= fmt.Length || "diueEfFgG".IndexOf(fmt[i], StringComparison.Ordinal) < 0)
        {
            var found = i < fmt.Length ? $"'%{fmt[(start + 1)..(i + 1)]}'" : "a conversion cut short";
            throw new UnsupportedArrayException($"format '{fmt}': {found} is not a number conversion this writer supports (d, i, u, e, E, f, F, g, G)");
        }

        return (flags.ToString(), width, precision, fmt[i++]);
    }

    private static int? ReadNumber(string fmt, ref int i)
    {
        var start = i;
        while (i < fmt.Length && char.IsAsciiDigit(fmt[i]))
        {
            i++;
        }

        if (i == start)
        {
            return null;
        }

        return int.TryParse(fmt.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000
            ? n
            : throw new UnsupportedArrayException($"format '{fmt}': width or precision {fmt[start..i]} is larger than 1000");
    }
}
