using System.Globalization;
using System.Text;

namespace Formats.Printing;

/// <summary>NumPy's <c>datetime_as_string</c> in the dtype's own unit (naive, no time zone), proleptic Gregorian.</summary>
internal static class DateTimeText
{
    /// <summary>NaT: the smallest 64-bit integer.</summary>
    public const long NaT = long.MinValue;

    private static readonly string[] TimeUnits = ["h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"];

    /// <summary>Splits a unit such as <c>25s</c> into its count and base unit.</summary>
    public static (long Count, string Unit) ParseUnit(string unit)
    {
        var i = 0;
        while (i < unit.Length && char.IsAsciiDigit(unit[i]))
        {
            i++;
        }

        return (i == 0 ? 1 : long.Parse(unit.AsSpan(0, i), CultureInfo.InvariantCulture), unit[i..]);
    }

    /// <summary>The ISO 8601 text of <paramref name="value"/> counts of <paramref name="unit"/> since 1970-01-01T00:00.</summary>
    public static string Format(long value, string unit)
    {
        var (count, baseUnit) = ParseUnit(unit);
        var v = (Int128)value * count;
        switch (baseUnit)
        {
            case "Y":
                return Year(1970 + v);
            case "M":
            {
                var years = FloorDiv(v, 12);
                return Year(1970 + years) + "-" + ((int)(v - years * 12) + 1).ToString("00", CultureInfo.InvariantCulture);
            }

            case "W":
                return Date(v * 7);
            case "D":
                return Date(v);
        }

        // Time units: split into days and the time of day, in the unit's own ticks.
        var level = Array.IndexOf(TimeUnits, baseUnit);
        var perSecond = level <= 2 ? Int128.One : Pow10(3 * (level - 2));
        var perDay = level switch { 0 => 24, 1 => 24 * 60, _ => 86400 * perSecond };
        var days = FloorDiv(v, perDay);
        var ticks = v - days * perDay;
        var sb = new StringBuilder(Date(days)).Append('T');
        var seconds = level switch { 0 => ticks * 3600, 1 => ticks * 60, _ => ticks / perSecond };
        sb.Append(((int)(seconds / 3600)).ToString("00", CultureInfo.InvariantCulture));
        if (level >= 1)
        {
            sb.Append(':').Append(((int)(seconds / 60 % 60)).ToString("00", CultureInfo.InvariantCulture));
        }

        if (level >= 2)
        {
            sb.Append(':').Append(((int)(seconds % 60)).ToString("00", CultureInfo.InvariantCulture));
        }

        if (level >= 3)
        {
            var fraction = ticks % perSecond;
            sb.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(3 * (level - 2), '0'));
        }

        return sb.ToString();
    }

    private static string Date(Int128 days)
    {
        // Howard Hinnant's civil_from_days, on 400-year eras.
        var z = days + 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var d = doy - (153 * mp + 2) / 5 + 1;
        var m = mp < 10 ? mp + 3 : mp - 9;
        var y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return Year(y) + "-" + ((int)m).ToString("00", CultureInfo.InvariantCulture) + "-" + ((int)d).ToString("00", CultureInfo.InvariantCulture);
    }

    // C's "%04lld": at least four characters, the sign among them.
    private static string Year(Int128 year) =>
        year < 0 ? "-" + (-year).ToString(CultureInfo.InvariantCulture).PadLeft(3, '0') : year.ToString(CultureInfo.InvariantCulture).PadLeft(4, '0');

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static Int128 Pow10(int n)
    {
        var r = Int128.One;
        for (var i = 0; i < n; i++)
        {
            r *= 10;
        }

        return r;
    }
}
