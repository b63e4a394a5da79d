namespace Formats;

/// <summary>Rows <c>[Start, Stop)</c> along axis 0.</summary>
/// <param name="Start">First row.</param>
/// <param name="Stop">One past the last row.</param>
public readonly record struct RowRange(long Start, long Stop)
{
    /// <summary>Number of rows.</summary>
    public long Count => Stop - Start;

    /// <summary>Parses <c>START:STOP</c> (either side may be empty, negative values count from the end).</summary>
    /// <exception cref="ArrayFormatException">The text is not a range.</exception>
    public static (long? Start, long? Stop) ParseSlice(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2)
        {
            throw new ArrayFormatException($"rows '{text}' is not START:STOP");
        }

        return (ParsePart(parts[0], text), ParsePart(parts[1], text));
    }

    /// <summary>Resolves a Python-style slice against <paramref name="rows"/> rows, clamping as Python does.</summary>
    public static RowRange Resolve(long? start, long? stop, long rows)
    {
        static long Clamp(long v, long rows) => v < 0 ? Math.Max(0, rows + v) : Math.Min(v, rows);
        var s = start is null ? 0 : Clamp(start.Value, rows);
        var e = stop is null ? rows : Clamp(stop.Value, rows);
        return new RowRange(s, Math.Max(s, e));
    }

    private static long? ParsePart(string part, string text)
    {
        part = part.Trim();
        if (part.Length == 0)
        {
            return null;
        }

        return long.TryParse(part, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ArrayFormatException($"rows '{text}' is not START:STOP");
    }
}
