using System.Globalization;

namespace Formats.Plotting;

/// <summary>The words on a plot: which file, member, dtype, shape and rows it shows, and how values were reduced.</summary>
internal static class PlotText
{
    /// <summary>
    /// <c>&lt;f4 (1000000, 8), rows 0:1000</c>: the dtype and shape stored and the rows drawn (the caller puts the file
    /// and member before it: <c>rec.npz [eeg]: </c>).
    /// </summary>
    public static string Source(ArrayHeader stored, RowRange drawn) =>
        string.Create(CultureInfo.InvariantCulture, $"{Descr(stored.DType)} {stored.Shape}, rows {drawn.Start}:{drawn.Stop}");

    /// <summary>How many values a line shows per pixel column, and what was left out.</summary>
    public static string Lines(LineEnvelope lines) => string.Create(CultureInfo.InvariantCulture,
        $"{(lines.IsEnvelope ? $"min/max envelope of all {lines.Rows} rows in {lines.Bins.Count} pixel columns" : $"all {lines.Rows} rows")}{NotDrawn(lines.NonFinite)}");

    /// <summary>How many values each heatmap cell stands for.</summary>
    public static string Image(ImageGrid grid) => string.Create(CultureInfo.InvariantCulture,
        $"{(grid.IsReduced ? $"each cell the largest of up to {Per(grid.Columns)} rows x {Per(grid.ChannelBins)} columns" : "one cell per value")}{NotDrawn(grid.NonFinite)}");

    /// <summary>How many values the histogram counts.</summary>
    public static string Histogram(StreamingHistogram histogram) => string.Create(CultureInfo.InvariantCulture,
        $"{histogram.Counted} values from {histogram.Min:G6} to {histogram.Max:G6}{NotDrawn(histogram.NonFinite)}");

    /// <summary>A dtype as NumPy's descr, without the quotes around a simple one.</summary>
    public static string Descr(DType dtype) => dtype.Kind == DTypeKind.Structured ? dtype.ToString() : dtype.ToString().Trim('\'');

    private static long Per(PixelBins bins) => (bins.Rows + bins.Count - 1) / bins.Count;

    private static string NotDrawn(long nonFinite) =>
        nonFinite == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {nonFinite} NaN or infinite values not drawn");
}
