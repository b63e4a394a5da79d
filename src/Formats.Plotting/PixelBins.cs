namespace Formats.Plotting;

/// <summary>
/// Rows <c>[0, Rows)</c> split into <see cref="Count"/> bins of consecutive rows (one per pixel column), sizes
/// differing by at most one. Every row falls in exactly one bin: reducing per bin drops no sample.
/// </summary>
internal readonly record struct PixelBins(long Rows, int Count)
{
    /// <summary>At most <paramref name="pixels"/> bins, one row each when there are fewer rows.</summary>
    public static PixelBins For(long rows, int pixels) => new(rows, (int)Math.Max(1, Math.Min(rows, pixels)));

    /// <summary>The bin holding <paramref name="row"/>.</summary>
    public int Of(long row) => (int)(row * Count / Rows);

    /// <summary>The first row of <paramref name="bin"/>: the smallest row r with r·Count/Rows ≥ bin.</summary>
    public long Start(int bin) => ((bin * Rows) + Count - 1) / Count;

    /// <summary>The row at the middle of <paramref name="bin"/> (where it is drawn).</summary>
    public double Centre(int bin) => (Start(bin) + Start(bin + 1) - 1) / 2.0;
}
