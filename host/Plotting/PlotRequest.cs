namespace Formats.Host.Plotting;

/// <summary>What <c>formats plot</c> draws.</summary>
internal enum PlotKind
{
    /// <summary>One line per channel against the row index.</summary>
    Lines,

    /// <summary>A heatmap of rows (x) by channels (y) with a colour bar.</summary>
    Image,

    /// <summary>A histogram of the values.</summary>
    Histogram,
}

/// <summary>One plot to make: the input, what to draw, and where. Holds no plotting-library type.</summary>
/// <param name="Input">The file to read.</param>
/// <param name="Read">Format, layout, member and rows.</param>
/// <param name="Output">The picture to write; its extension (.png or .svg) chooses the encoding.</param>
/// <param name="Kind">Lines, image or histogram.</param>
/// <param name="Columns">The columns (2-D) or fields (structured) to draw, as given on the command line; null for all.</param>
/// <param name="Width">Picture width in pixels.</param>
/// <param name="Height">Picture height in pixels.</param>
internal sealed record PlotRequest(string Input, ReadRequest Read, string Output, PlotKind Kind, string? Columns, int Width, int Height)
{
    /// <summary>Default picture size.</summary>
    public const int DefaultWidth = 1000;

    /// <summary>Default picture height.</summary>
    public const int DefaultHeight = 500;

    /// <summary>True when the output is SVG (else PNG).</summary>
    public bool IsSvg => Output.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
}
