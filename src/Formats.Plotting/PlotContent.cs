namespace Formats.Plotting;

/// <summary>What one streaming pass found, ready to draw: the reduced data and the words that go with it.</summary>
/// <param name="Kind">Lines, image or histogram (never <see cref="PlotKind.Auto"/>).</param>
/// <param name="Layout">The channels drawn.</param>
/// <param name="Data">The sink that took the pass: a <see cref="LineEnvelope"/>, <see cref="ImageGrid"/> or <see cref="StreamingHistogram"/>.</param>
/// <param name="FirstRow">The array row of the first row read (x values are array rows).</param>
/// <param name="Source">The source: file, member, dtype, shape, rows.</param>
/// <param name="Note">How values were reduced and what was not drawn.</param>
internal sealed record PlotContent(PlotKind Kind, PlotLayout Layout, IChannelSink Data, long FirstRow, string Source, string Note)
{
    /// <summary>What the picture shows, for the caller.</summary>
    public PlotResult Result => new(Source, Note, Kind);

    /// <summary>The dtype named on the value axis: one dtype, or "value" for fields of several.</summary>
    public string ValueLabel
    {
        get
        {
            var dtypes = Layout.Channels.Select(c => PlotText.Descr(c.DType)).Distinct().ToList();
            return dtypes.Count == 1 ? $"value ({dtypes[0]})" : "value";
        }
    }
}
