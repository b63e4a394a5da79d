namespace Formats.Plotting;

/// <summary>How a picture is encoded.</summary>
public enum PlotImageFormat
{
    /// <summary>A PNG image (<c>.png</c>).</summary>
    Png,

    /// <summary>An SVG document (<c>.svg</c>); heatmaps are embedded as PNG images.</summary>
    Svg,
}
