using ScottPlot;

namespace Formats.Plotting;

/// <summary>A heatmap of rows (x) by columns or fields (y) with a colour bar spanning the array's value range.</summary>
internal static class ImageDrawing
{
    public static void Draw(Plot plot, PlotContent content, ImageGrid grid, int width, int height)
    {
        var channels = content.Layout.Channels.Count;
        var heatmap = plot.Add.Heatmap(Drawable(grid.Cells));

        // ScottPlot draws the first row of intensities at the top; channel 0 belongs at the bottom, by its tick.
        heatmap.FlipVertically = true;

        // Each cell covers whole rows and channels: the extent puts cell edges halfway between integers.
        heatmap.Rectangle = new CoordinateRect(
            content.FirstRow - 0.5, content.FirstRow + grid.Columns.Rows - 0.5, -0.5, channels - 0.5);
        if (grid.Min <= grid.Max)
        {
            heatmap.ManualRange = ColourRange(grid.Min, grid.Max);
        }

        heatmap.NaNCellColor = Colors.Transparent;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = content.ValueLabel;
        plot.Axes.Margins(0, 0);
        plot.XLabel("row");
        plot.YLabel(content.Layout.Channels[0].Label.StartsWith('[') ? "column" : "field");
        PlotRendering.RowTicks(plot.Axes.Bottom);
        PlotRendering.RowTicks(plot.Axes.Left);
        PlotRendering.NameChannels(plot.Axes.Left, content, c => c);

        // The grid was sized to the whole picture; the plot area is smaller (axes, colour bar). Scaled down, the image
        // would lose whole cells, so merge them to the area's pixels first (ticks and labels, hence the area, stay the same).
        plot.RenderInMemory(width, height);
        var area = plot.LastRender.DataRect;
        heatmap.Intensities = Drawable(grid.Fit(Math.Max(1, (int)area.Width), Math.Max(1, (int)area.Height)));
        heatmap.Update(); // the image ScottPlot draws is made from Intensities only here
    }

    /// <summary>
    /// The colour scale for values from <paramref name="min"/> to <paramref name="max"/>. A single value is widened by
    /// a tenth either way (0 to ±0.1), as matplotlib's colour bar does: a scale of zero width has no ticks to read.
    /// </summary>
    public static ScottPlot.Range ColourRange(double min, double max)
    {
        if (min < max)
        {
            return new ScottPlot.Range(min, max);
        }

        var spread = min == 0 ? 0.1 : Math.Abs(min) * 0.1;
        return new ScottPlot.Range(min - spread, max + spread);
    }

    // ScottPlot sizes cells by dividing the rectangle by one less than the cells each way, so a single row or column of
    // cells (a 1-D array, a (N, 1) one, one row) is drawn nowhere. Repeated twice it covers the same rectangle.
    private static double[,] Drawable(double[,] cells)
    {
        int rows = cells.GetLength(0), columns = cells.GetLength(1);
        if (rows > 1 && columns > 1)
        {
            return cells;
        }

        var drawable = new double[Math.Max(rows, 2), Math.Max(columns, 2)];
        for (var y = 0; y < drawable.GetLength(0); y++)
        {
            for (var x = 0; x < drawable.GetLength(1); x++)
            {
                drawable[y, x] = cells[Math.Min(y, rows - 1), Math.Min(x, columns - 1)];
            }
        }

        return drawable;
    }
}
