namespace Formats;

/// <summary>zipinfo's compression factor, shared by described and listed members so that both print the same figure.</summary>
internal static class ZipRatio
{
    /// <summary>
    /// How much smaller <paramref name="stored"/> is than <paramref name="unpacked"/>, in percent with one decimal, rounded
    /// as zipinfo rounds it; null unless both are known.
    /// </summary>
    public static double? SavedPercent(long? stored, long? unpacked)
    {
        if (stored is not { } c || unpacked is not { } u)
        {
            return null;
        }

        if (u == 0)
        {
            return 0;
        }

        // unzip's ratio(): per mille, half rounded away from zero, dividing first for large sizes (no overflow).
        var (numerator, denominator) = u > 2_000_000 ? (Math.Abs(u - c), u / 1000) : (1000 * Math.Abs(u - c), u);
        var perMille = (numerator + (denominator >> 1)) / denominator;
        return (u >= c ? perMille : -perMille) / 10.0;
    }
}
