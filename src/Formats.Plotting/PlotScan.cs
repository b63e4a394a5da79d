namespace Formats.Plotting;

/// <summary>
/// The one streaming pass of a plot: the selected rows of a file's array, or an array in memory, read once in chunks
/// into the bounded summary the plot kind needs (<see cref="LineEnvelope"/>, <see cref="ImageGrid"/> or
/// <see cref="StreamingHistogram"/>). Names no plotting-library type: drawing is <see cref="PlotRendering"/>'s.
/// </summary>
internal static class PlotScan
{
    /// <summary>Reads the array <paramref name="read"/> selects in <paramref name="path"/>.</summary>
    /// <exception cref="ArrayFormatException">The input cannot be read or drawn; the message names the file.</exception>
    public static PlotContent Scan(ArrayFiles files, string path, ReadRequest read, PlotOptions options, CancellationToken cancellationToken)
    {
        using var file = files.Open(path, read with { Member = null, RowStart = null, RowStop = null });
        try
        {
            var entry = file.Select(read.Member);
            var rows = read.ResolveRows(entry.Header);
            using var data = file.OpenData(entry.Name, rows);
            var member = entry.Name.Length > 0 ? $" [{entry.Name}]" : "";
            return Scan(data, data.Header, rows?.Start ?? 0, options, $"{Path.GetFileName(path)}{member}: ", entry.Header, cancellationToken);
        }
        catch (ArrayFormatException e) when (e.SourcePath is null)
        {
            e.SourcePath = path;
            throw;
        }
    }

    /// <summary>Reads <paramref name="array"/>, whose bytes are copied a chunk at a time and never changed.</summary>
    /// <exception cref="ArrayFormatException">The array cannot be drawn.</exception>
    public static PlotContent Scan(NDArray array, PlotOptions options, CancellationToken cancellationToken)
    {
        using var data = new ArrayStorageStream(array);
        return Scan(data, array.Header, 0, options, "", array.Header, cancellationToken);
    }

    // data holds the rows drawn (header), from firstRow of the array stored (stored), which the title describes.
    private static PlotContent Scan(
        Stream data, ArrayHeader header, long firstRow, PlotOptions options, string name, ArrayHeader stored, CancellationToken cancellationToken)
    {
        var layout = PlotLayout.For(header, options.Columns);
        var kind = layout.Resolve(options.Kind);
        var channels = layout.Channels.Count;
        IChannelSink sink = kind switch
        {
            PlotKind.Lines => new LineEnvelope(channels, layout.Rows, options.Width),
            PlotKind.Image => new ImageGrid(channels, layout.Rows, options.Width, options.Height),
            _ => new StreamingHistogram(channels, pooled: options.Columns is null, layout.Whole),
        };
        ArrayScan.Run(data, layout, sink, cancellationToken);
        var note = sink switch
        {
            LineEnvelope lines => PlotText.Lines(lines),
            ImageGrid grid => PlotText.Image(grid),
            StreamingHistogram histogram => PlotText.Histogram(histogram),
            _ => "",
        };
        var source = name + PlotText.Source(stored, new RowRange(firstRow, firstRow + layout.Rows));
        return new PlotContent(kind, layout, sink, firstRow, source, note);
    }
}
