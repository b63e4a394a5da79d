using ScottPlot;

namespace Formats.Plotting;

/// <summary>Counts per bin: bars for all values pooled, one outline per column when columns were chosen.</summary>
internal static class HistogramDrawing
{
    /// <summary>Draws at most <paramref name="bins"/> bins of <paramref name="histogram"/>.</summary>
    public static void Draw(Plot plot, PlotContent content, StreamingHistogram histogram, int bins)
    {
        var (edges, counts) = histogram.Bars(bins);
        if (counts.Length == 1)
        {
            var bars = new List<Bar>();
            for (var b = 0; b < counts[0].Length; b++)
            {
                bars.Add(new Bar
                {
                    Position = (edges[b] + edges[b + 1]) / 2,
                    Value = counts[0][b],
                    Size = edges[b + 1] - edges[b],
                    FillColor = Colors.C0,
                    LineWidth = 0,
                });
            }

            plot.Add.Bars(bars);
        }
        else
        {
            for (var g = 0; g < counts.Length; g++)
            {
                // A step outline: up and across each bin, so overlapping columns stay readable.
                var xs = new double[(counts[g].Length * 2) + 2];
                var ys = new double[xs.Length];
                xs[0] = edges[0];
                for (var b = 0; b < counts[g].Length; b++)
                {
                    xs[(2 * b) + 1] = edges[b];
                    xs[(2 * b) + 2] = edges[b + 1];
                    ys[(2 * b) + 1] = counts[g][b];
                    ys[(2 * b) + 2] = counts[g][b];
                }

                xs[^1] = edges[^1];
                var line = plot.Add.ScatterLine(xs, ys);
                line.LineWidth = 1.5f;
                line.LegendText = content.Layout.Channels[g].Label;
            }

            plot.ShowLegend(Edge.Right);
        }

        plot.Axes.Margins(bottom: 0);
        plot.XLabel(content.ValueLabel);
        plot.YLabel("count");
    }
}
