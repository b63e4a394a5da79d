using System.Globalization;

namespace Formats;

/// <summary>The one reader of a shape written as text: <c>3,4</c>, <c>(3, 4)</c>, <c>5</c>, <c>()</c>, a trailing comma allowed.</summary>
internal static class ShapeText
{
    /// <summary>The dimensions of <paramref name="text"/>; signs are accepted only when <paramref name="signed"/>.</summary>
    /// <exception cref="ArrayFormatException">A part is not an integer; <paramref name="expected"/> says what was wanted.</exception>
    public static long[] Parse(string text, bool signed, string expected)
    {
        var t = text.Trim().Trim('(', ')', '[', ']').Trim();
        if (t.Length == 0)
        {
            return [];
        }

        var parts = t.Split(',', StringSplitOptions.TrimEntries);
        if (parts[^1].Length == 0)
        {
            parts = parts[..^1];
        }

        var style = signed ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], style, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new ArrayFormatException($"shape '{text}' is not {expected}");
            }
        }

        return values;
    }
}
