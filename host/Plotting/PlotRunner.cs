using System.Diagnostics;

namespace Formats.Host.Plotting;

/// <summary>
/// Runs <c>formats plot</c>: one streaming pass over the selected rows into a bounded summary, then drawing and an
/// atomic write. This class and the summaries name no plotting-library type, so the library (and its native
/// graphics code) is loaded only when <see cref="PlotRendering"/> runs, that is, only by this command.
/// </summary>
internal static class PlotRunner
{
    /// <summary>Makes the picture <paramref name="request"/> asks for; returns a one-line summary of what was drawn.</summary>
    /// <exception cref="ArrayFormatException">The input cannot be read or drawn; the message names the file.</exception>
    public static async Task<string> RunAsync(ArrayFiles files, PlotRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var content = Scan(files, request, cancellationToken);
        var bytes = PlotRendering.Render(content, request.Width, request.Height, request.IsSvg);
        await PlotOutputFile.WriteAsync(request.Output, bytes, cancellationToken);
        return $"wrote {request.Output} ({content.Title}; {content.Note}) in {clock.Elapsed.TotalSeconds:F1} s";
    }

    /// <summary>Reads the selected array once, in chunks, into the summary the plot kind needs.</summary>
    public static PlotContent Scan(ArrayFiles files, PlotRequest request, CancellationToken cancellationToken)
    {
        using var file = files.Open(request.Input, request.Read with { Member = null, RowStart = null, RowStop = null });
        try
        {
            var entry = file.Select(request.Read.Member);
            var rows = request.Read.ResolveRows(entry.Header);
            using var data = file.OpenData(entry.Name, rows);
            var layout = PlotLayout.For(data.Header, request.Columns, request.Kind);
            var drawn = rows ?? new RowRange(0, layout.Rows);
            var channels = layout.Channels.Count;
            IChannelSink sink = request.Kind switch
            {
                PlotKind.Lines => new LineEnvelope(channels, layout.Rows, request.Width),
                PlotKind.Image => new ImageGrid(channels, layout.Rows, request.Width, request.Height),
                _ => new StreamingHistogram(channels, pooled: request.Columns is null, layout.Whole),
            };
            ArrayScan.Run(data, layout, sink, cancellationToken);
            var note = sink switch
            {
                LineEnvelope lines => PlotText.Lines(lines),
                ImageGrid grid => PlotText.Image(grid),
                StreamingHistogram histogram => PlotText.Histogram(histogram),
                _ => "",
            };
            return new PlotContent(request.Kind, layout, sink, drawn.Start, PlotText.Source(request.Input, entry, drawn), note);
        }
        catch (ArrayFormatException e) when (e.SourcePath is null)
        {
            e.SourcePath = request.Input;
            throw;
        }
    }
}
