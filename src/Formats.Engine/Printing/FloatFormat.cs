using System.Text;

namespace Formats.Printing;

/// <summary>
/// NumPy's <c>FloatingFormat</c> in its default mode (<c>floatmode='maxprec'</c>, no <c>suppress</c>): one layout
/// chosen from all printed values (positional or scientific, the padding on each side of the point), then each value
/// printed in it, so that the points line up.
/// </summary>
internal sealed class FloatFormat
{
    private readonly FloatWidth width;
    private readonly int precision;
    private readonly bool plusSign;
    private readonly bool scientific;
    private readonly int padLeft;
    private readonly int padRight;
    private readonly int expSize;
    private readonly int sciPrecision;

    public FloatFormat(IReadOnlyList<double> values, FloatWidth width, int precision, bool plusSign)
    {
        this.width = width;
        this.precision = precision;
        this.plusSign = plusSign;
        var finite = values.Where(double.IsFinite).ToList();
        var nonZero = finite.Where(v => v != 0).Select(Math.Abs).ToList();
        if (nonZero.Count > 0)
        {
            var max = nonZero.Max();
            var min = nonZero.Min();

            // NumPy compares the element type's scalars with Python floats (in double), but divides in the element type.
            scientific = max >= 1e8 || min < 1e-4 || Ratio(max, min) > 1000.0;
        }

        if (finite.Count == 0)
        {
            expSize = -1;
        }
        else if (scientific)
        {
            var parts = finite.Select(v => ScientificParts(v, precision)).ToList();
            expSize = parts.Max(p => p.Exponent.Length) - 1;
            sciPrecision = parts.Max(p => p.Fraction.Length);
            padLeft = parts.Max(p => p.Integer.Length);
            padRight = expSize + 2 + sciPrecision;
        }
        else
        {
            var parts = finite.Select(PositionalParts).ToList();
            padLeft = parts.Max(p => p.Integer.Length);
            padRight = parts.Max(p => p.Fraction.Length);
            expSize = -1;
        }

        if (finite.Count != values.Count)
        {
            var negativeInfinity = plusSign || values.Any(double.IsNegativeInfinity);
            var offset = padRight + 1;
            padLeft = Math.Max(padLeft, Math.Max(3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset));
        }
    }

    public string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            var text = double.IsNaN(value) ? (plusSign ? "+nan" : "nan")
                : value < 0 ? "-inf" : plusSign ? "+inf" : "inf";
            return text.PadLeft(padLeft + padRight + 1);
        }

        if (scientific)
        {
            var (integer, fraction, exponent) = ScientificParts(value, sciPrecision, exactDigits: true);
            var sign = exponent[0];
            var digits = exponent[1..].PadLeft(expSize, '0');
            return integer.PadLeft(padLeft) + "." + fraction.PadRight(sciPrecision, '0') + "e" + sign + digits;
        }

        var (whole, frac) = PositionalParts(value, throughUnits: true);
        return whole.PadLeft(padLeft) + "." + frac.PadRight(padRight);
    }

    private double Ratio(double max, double min) => width switch
    {
        FloatWidth.Half => (double)(Half)((float)max / (float)min),
        FloatWidth.Single => (double)((float)max / (float)min),
        _ => max / min,
    };

    private string Sign(double value) => double.IsNegative(value) ? "-" : plusSign ? "+" : "";

    // Dragon4 positional, unique, trim '.': "int" and "frac" without trailing zeros.
    private (string Integer, string Fraction) PositionalParts(double value) => PositionalParts(value, throughUnits: false);

    private (string Integer, string Fraction) PositionalParts(double value, bool throughUnits)
    {
        var d = throughUnits
            ? FloatDigits.PositionalThroughUnits(Math.Abs(value), width, precision)
            : FloatDigits.Positional(Math.Abs(value), width, precision);
        string integer, fraction;
        if (d.Digits.Length == 0)
        {
            (integer, fraction) = ("0", "");
        }
        else if (d.Exponent <= 0)
        {
            (integer, fraction) = ("0", new string('0', -d.Exponent) + d.Digits);
        }
        else if (d.Exponent >= d.Digits.Length)
        {
            (integer, fraction) = (d.Digits + new string('0', d.Exponent - d.Digits.Length), "");
        }
        else
        {
            (integer, fraction) = (d.Digits[..d.Exponent], d.Digits[d.Exponent..]);
        }

        return (Sign(value) + integer, fraction);
    }

    // Dragon4 scientific, unique: "d", "ddd" (no trailing zeros), "+XX" (at least two exponent digits); with
    // exactDigits, min_digits = precision as NumPy's second pass asks.
    private (string Integer, string Fraction, string Exponent) ScientificParts(double value, int digitsAfterPoint, bool exactDigits = false)
    {
        var d = exactDigits
            ? FloatDigits.ScientificAtLeast(Math.Abs(value), width, digitsAfterPoint)
            : FloatDigits.Scientific(Math.Abs(value), width, digitsAfterPoint);
        var exponent = d.Digits.Length == 0 ? 0 : d.Exponent - 1;
        var first = d.Digits.Length == 0 ? "0" : d.Digits[..1];
        var rest = d.Digits.Length <= 1 ? "" : d.Digits[1..];
        var exp = new StringBuilder(exponent < 0 ? "-" : "+").Append(Math.Abs(exponent).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        return (Sign(value) + first, rest, exp.ToString());
    }
}
