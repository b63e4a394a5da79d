using ScottPlot;

namespace Formats.Host.Plotting;

/// <summary>A heatmap of rows (x) by columns or fields (y) with a colour bar spanning the array's value range.</summary>
internal static class ImageDrawing
{
    public static void Draw(Plot plot, PlotContent content, ImageGrid grid, int width, int height)
    {
        var channels = content.Layout.Channels.Count;
        var heatmap = plot.Add.Heatmap(grid.Cells);

        // ScottPlot draws the first row of intensities at the top; channel 0 belongs at the bottom, by its tick.
        heatmap.FlipVertically = true;

        // Each cell covers whole rows and channels: the extent puts cell edges halfway between integers.
        heatmap.Rectangle = new CoordinateRect(
            content.FirstRow - 0.5, content.FirstRow + grid.Columns.Rows - 0.5, -0.5, channels - 0.5);
        if (grid.Min <= grid.Max)
        {
            heatmap.ManualRange = new ScottPlot.Range(grid.Min, grid.Max);
        }

        heatmap.NaNCellColor = Colors.Transparent;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = content.ValueLabel;
        plot.Axes.Margins(0, 0);
        plot.XLabel("row");
        plot.YLabel(content.Layout.Channels[0].Label.StartsWith('[') ? "column" : "field");
        PlotRendering.NameChannels(plot.Axes.Left, content, c => c);

        // The grid was sized to the whole picture; the plot area is smaller (axes, colour bar). Scaled down, the image
        // would lose whole cells, so merge them to the area's pixels first (ticks and labels, hence the area, stay the same).
        plot.RenderInMemory(width, height);
        var area = plot.LastRender.DataRect;
        heatmap.Intensities = grid.Fit(Math.Max(1, (int)area.Width), Math.Max(1, (int)area.Height));
        heatmap.Update(); // the image ScottPlot draws is made from Intensities only here
    }
}
