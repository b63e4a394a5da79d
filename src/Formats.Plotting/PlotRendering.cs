using System.Text;
using ScottPlot;

namespace Formats.Plotting;

/// <summary>
/// Draws a <see cref="PlotContent"/> with ScottPlot and encodes it as PNG or SVG. With the drawing classes it calls,
/// the only code that names a ScottPlot type: the scan before it does not, so a failing read never loads the library.
/// </summary>
internal static class PlotRendering
{
    /// <summary>Font size of the two title lines.</summary>
    public const float TitleSize = 13;

    /// <summary>The encoded picture of <paramref name="content"/>, of the size and with the title <paramref name="options"/> give.</summary>
    public static byte[] Render(PlotContent content, PlotOptions options, PlotImageFormat format)
    {
        int width = options.Width, height = options.Height;
        using var plot = new Plot();
        plot.Title($"{options.Title ?? content.Source}\n{content.Note}", size: TitleSize);
        switch (content.Data)
        {
            case LineEnvelope lines:
                LineDrawing.Draw(plot, content, lines);
                break;
            case ImageGrid grid:
                ImageDrawing.Draw(plot, content, grid, width, height);
                break;
            case StreamingHistogram histogram:
                HistogramDrawing.Draw(plot, content, histogram, options.Bins);
                break;
            default:
                throw new InvalidOperationException($"no drawing for {content.Data.GetType().Name}");
        }

        return format == PlotImageFormat.Svg
            ? Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Whole numbers only on an axis of rows or columns: there is no row 0.5 (a few rows would get such ticks).</summary>
    public static void RowTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>Channel names as ticks on the axis where there are few enough to read (fields of a structured array).</summary>
    public static void NameChannels(IAxis axis, PlotContent content, Func<int, double> position)
    {
        var channels = content.Layout.Channels;
        if (channels.Count > 24 || channels.All(c => c.Label.StartsWith('[')))
        {
            return; // column numbers are what the default ticks show
        }

        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, channels.Count).Select(position)], [.. channels.Select(c => c.Label)]);
    }
}
