using System.Globalization;
using System.Text;

namespace Formats.Literals;

/// <summary>Writes values exactly as Python's <c>repr</c> does, for byte-identical NPY headers.</summary>
internal static class PyRepr
{
    /// <summary>Python's <c>repr(str)</c>: single quotes unless the text holds a quote and no double quote.</summary>
    public static string String(string value)
    {
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var rune in value.EnumerateRunes())
        {
            var v = rune.Value;
            if (v == quote || v == '\\')
            {
                sb.Append('\\').Append((char)v);
            }
            else if (v == '\t')
            {
                sb.Append("\\t");
            }
            else if (v == '\n')
            {
                sb.Append("\\n");
            }
            else if (v == '\r')
            {
                sb.Append("\\r");
            }
            else if (v < 0x20 || v == 0x7f)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{v:x2}");
            }
            else if (v < 0x7f || IsPrintable(rune))
            {
                sb.Append(rune.ToString());
            }
            else if (v <= 0xff)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{v:x2}");
            }
            else if (v <= 0xffff)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{v:x4}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\U{v:x8}");
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>Python's <c>repr(tuple_of_ints)</c>: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    public static string Tuple(ReadOnlySpan<long> items)
    {
        if (items.Length == 1)
        {
            return $"({items[0].ToString(CultureInfo.InvariantCulture)},)";
        }

        var sb = new StringBuilder("(");
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(items[i].ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(')').ToString();
    }

    /// <summary>Python's <c>repr(bool)</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    // Python's str.isprintable: everything but the Other (C*) and Separator (Z*) categories, space excepted.
    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
