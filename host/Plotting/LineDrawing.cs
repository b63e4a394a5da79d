using ScottPlot;

namespace Formats.Host.Plotting;

/// <summary>Lines against the row number: every sample, or the per-pixel-column min/max envelope as vertical strokes.</summary>
internal static class LineDrawing
{
    // With this few points each sample is also marked, so that single values are seen.
    private const int MarkedPoints = 100;

    public static void Draw(Plot plot, PlotContent content, LineEnvelope lines)
    {
        var channels = content.Layout.Channels;
        for (var c = 0; c < channels.Count; c++)
        {
            var (xs, ys) = lines.Line(c, content.FirstRow);
            if (xs.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(xs, ys);
            line.LineWidth = 1;
            line.MarkerSize = !lines.IsEnvelope && xs.Length <= MarkedPoints ? 4 : 0;
            if (channels.Count > 1)
            {
                line.LegendText = channels[c].Label;
            }
        }

        plot.Axes.Margins(horizontal: 0, vertical: 0.05);
        plot.XLabel("row");
        plot.YLabel(content.ValueLabel);
        if (channels.Count > 1)
        {
            plot.ShowLegend(Edge.Right);
        }
    }
}
