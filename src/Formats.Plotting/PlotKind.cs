namespace Formats.Plotting;

/// <summary>What <see cref="ArrayPlotter"/> draws.</summary>
public enum PlotKind
{
    /// <summary>
    /// Lines when there are at most <see cref="PlotOptions.MaxLines"/> series (a 1-D array, the columns of a 2-D one,
    /// the numeric fields of a structured one), else the heatmap of <see cref="Image"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// One line per series against the row number: every sample of a short array, the min/max envelope of each pixel
    /// column's rows for a long one (a single spike still reaches its pixel). At most <see cref="PlotOptions.MaxLines"/> series.
    /// </summary>
    Lines,

    /// <summary>
    /// A heatmap of rows (x) by columns or fields (y) with a colour bar; each cell shows the largest of the values it
    /// stands for.
    /// </summary>
    Image,

    /// <summary>
    /// A histogram of the values: bars of all values pooled, or one outline per column when
    /// <see cref="PlotOptions.Columns"/> chooses columns.
    /// </summary>
    Histogram,
}
