using ScottPlot;

namespace Formats.Plotting;

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
            // One channel may be several pieces (broken at NaN): they share its colour and its one legend entry.
            var colour = plot.Add.Palette.GetColor(c);
            var named = false;
            foreach (var (xs, ys) in lines.Segments(c, content.FirstRow))
            {
                var line = plot.Add.ScatterLine(xs, ys, colour);
                line.LineWidth = 1;

                // A value alone between NaNs has no line to show it; its marker does.
                line.MarkerSize = (!lines.IsEnvelope && lines.Rows <= MarkedPoints) || xs.Length == 1 ? 4 : 0;
                if (channels.Count > 1 && !named)
                {
                    line.LegendText = channels[c].Label;
                    named = true;
                }
            }
        }

        plot.Axes.Margins(horizontal: 0, vertical: 0.05);
        plot.Axes.AutoScale();

        // Every row is on the axis, also rows whose values are not drawn (NaN at either end).
        var last = content.FirstRow + lines.Rows - 1;
        var pad = lines.Rows == 1 ? 0.5 : 0;
        plot.Axes.SetLimitsX(content.FirstRow - pad, last + pad);
        PlotRendering.RowTicks(plot.Axes.Bottom);
        plot.XLabel("row");
        plot.YLabel(content.ValueLabel);
        if (channels.Count > 1)
        {
            plot.ShowLegend(Edge.Right);
        }
    }
}
