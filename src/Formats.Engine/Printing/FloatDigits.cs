using System.Globalization;
using System.Numerics;

namespace Formats.Printing;

/// <summary>The width of a binary float, which decides its shortest round-trip digits.</summary>
internal enum FloatWidth
{
    Half,
    Single,
    Double,
}

/// <summary>
/// Decimal digits of a float as NumPy's Dragon4 gives them with <c>unique=True</c> and a precision: the shortest
/// digits that read back as the same float, unless they run past the precision, in which case the exact binary
/// value is rounded there (ties to even, as Dragon4 does).
/// </summary>
/// <param name="Digits">Significant digits without leading or trailing zeros; empty for zero.</param>
/// <param name="Exponent">The value is 0.<paramref name="Digits"/> × 10^Exponent.</param>
internal readonly record struct FloatDigits(string Digits, int Exponent)
{
    /// <summary>Digits for positional notation with at most <paramref name="precision"/> fractional digits.</summary>
    public static FloatDigits Positional(double magnitude, FloatWidth width, int precision)
    {
        var shortest = Shortest(magnitude, width);
        return shortest.Digits.Length - shortest.Exponent <= precision ? shortest : Exact(magnitude).Round(shortest.Exponent + precision);
    }

    /// <summary>
    /// Digits for positional notation as NumPy's second pass prints them (<c>min_digits=0</c>): like
    /// <see cref="Positional"/>, but every digit down to the units place is a digit of the exact value (rounded there),
    /// never a zero that only the shortest form allows (float16 31136 prints as 31136., not 31140.).
    /// </summary>
    public static FloatDigits PositionalThroughUnits(double magnitude, FloatWidth width, int precision)
    {
        var digits = Positional(magnitude, width, precision);
        if (digits.Digits.Length >= digits.Exponent)
        {
            return digits;
        }

        var exact = Exact(magnitude);
        return exact.Round(exact.Exponent);
    }

    /// <summary>Digits for scientific notation with at most <paramref name="precision"/> digits after the point.</summary>
    public static FloatDigits Scientific(double magnitude, FloatWidth width, int precision)
    {
        var shortest = Shortest(magnitude, width);
        return shortest.Digits.Length <= precision + 1 ? shortest : Exact(magnitude).Round(precision + 1);
    }

    /// <summary>
    /// Digits for scientific notation with exactly <paramref name="precision"/> digits after the point, as Dragon4's
    /// <c>min_digits</c> gives them: past the shortest digits, more digits of the exact value (rounded), not zeros.
    /// </summary>
    public static FloatDigits ScientificAtLeast(double magnitude, FloatWidth width, int precision)
    {
        var shortest = Shortest(magnitude, width);
        return shortest.Digits.Length == precision + 1 ? shortest : Exact(magnitude).Round(precision + 1);
    }

    /// <summary>The shortest digits that round-trip at <paramref name="width"/> (.NET's round-trip formatting gives them).</summary>
    public static FloatDigits Shortest(double magnitude, FloatWidth width)
    {
        var text = width switch
        {
            FloatWidth.Half => ((Half)magnitude).ToString("R", CultureInfo.InvariantCulture),
            FloatWidth.Single => ((float)magnitude).ToString("R", CultureInfo.InvariantCulture),
            _ => magnitude.ToString("R", CultureInfo.InvariantCulture),
        };
        return Parse(text);
    }

    /// <summary>The exact decimal expansion of a finite double (every binary fraction has one).</summary>
    public static FloatDigits Exact(double magnitude)
    {
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(magnitude));
        var exponentBits = (int)(bits >> 52) & 0x7FF;
        var mantissa = bits & ((1L << 52) - 1);
        if (exponentBits == 0)
        {
            exponentBits = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var binaryExponent = exponentBits - 1075;
        if (mantissa == 0)
        {
            return new FloatDigits("", 0);
        }

        if (binaryExponent >= 0)
        {
            return Normalize((new BigInteger(mantissa) << binaryExponent).ToString(CultureInfo.InvariantCulture), 0);
        }

        // m / 2^k = m * 5^k / 10^k
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(5, -binaryExponent);
        return Normalize(scaled.ToString(CultureInfo.InvariantCulture), binaryExponent);
    }

    /// <summary>These digits rounded to the first <paramref name="keep"/> digits (ties to even); trailing zeros dropped.</summary>
    public FloatDigits Round(int keep)
    {
        if (keep >= Digits.Length)
        {
            return this;
        }

        if (keep < 0)
        {
            return new FloatDigits("", 0);
        }

        var next = Digits[keep];
        var restNonZero = Digits.AsSpan(keep + 1).ContainsAnyExcept('0');
        var lastDigit = keep == 0 ? 0 : Digits[keep - 1] - '0';
        var up = next > '5' || (next == '5' && (restNonZero || (lastDigit & 1) == 1));
        var kept = Digits[..keep].ToCharArray();
        if (!up)
        {
            return Normalize(new string(kept), Exponent - keep);
        }

        var i = kept.Length - 1;
        while (i >= 0 && kept[i] == '9')
        {
            kept[i] = '0';
            i--;
        }

        if (i < 0)
        {
            return Normalize("1" + new string(kept), Exponent - keep);
        }

        kept[i]++;
        return Normalize(new string(kept), Exponent - keep);
    }

    // value = integer digits × 10^power10
    private static FloatDigits Normalize(string integerDigits, int power10)
    {
        var trimmedStart = integerDigits.TrimStart('0');
        if (trimmedStart.Length == 0)
        {
            return new FloatDigits("", 0);
        }

        var trimmed = trimmedStart.TrimEnd('0');
        var zerosDropped = trimmedStart.Length - trimmed.Length;
        return new FloatDigits(trimmed, power10 + zerosDropped + trimmed.Length);
    }

    private static FloatDigits Parse(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        var power = 0;
        if (e >= 0)
        {
            power = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        text = text.TrimStart('-');
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? text : text.Remove(point, 1);
        var fraction = point < 0 ? 0 : text.Length - point - 1;
        return Normalize(digits, power - fraction);
    }
}
