namespace Formats.Plotting;

/// <summary>What <see cref="ArrayPlotter"/> draws and how large: the kind of picture, the series, the size and the words.</summary>
/// <remarks>
/// Which array and which rows are drawn is the <see cref="ReadRequest"/>'s (<see cref="ReadRequest.Member"/>,
/// <see cref="ReadRequest.RowStart"/>, <see cref="ReadRequest.RowStop"/>); these options say how.
/// </remarks>
public sealed record PlotOptions
{
    /// <summary>Default picture width in pixels.</summary>
    public const int DefaultWidth = 1000;

    /// <summary>Default picture height in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>The smallest width or height accepted, in pixels: room for the axes, their labels and the title.</summary>
    public const int MinSize = 100;

    /// <summary>The largest width or height accepted, in pixels.</summary>
    public const int MaxSize = 10000;

    /// <summary>Default for <see cref="Bins"/>: enough to see a shape, few enough that each bar is several pixels wide.</summary>
    public const int DefaultBins = 100;

    /// <summary>The most bins <see cref="Bins"/> may ask for (the histogram counts 4096 fine bins).</summary>
    public const int MaxBins = 4096;

    /// <summary>More lines than this are unreadable: <see cref="PlotKind.Lines"/> refuses them, <see cref="PlotKind.Auto"/> draws a heatmap.</summary>
    public const int MaxLines = 32;

    /// <summary>The defaults: lines (or a heatmap past <see cref="MaxLines"/> series) of every series, 1000 × 500 pixels.</summary>
    public static PlotOptions Default { get; } = new();

    /// <summary>Lines, heatmap or histogram; <see cref="PlotKind.Auto"/> (the default) chooses by the number of series.</summary>
    public PlotKind Kind { get; init; } = PlotKind.Auto;

    /// <summary>
    /// The series to draw, comma-separated; null (the default) for all. For a 2-D array, column indices and
    /// Python-style <c>START:STOP</c> ranges, negative from the end (<c>0,3,5:8</c>, <c>-1</c>); for a structured
    /// array, field names (<c>t,temp</c>; a subarray or nested field's name selects all of it). Not allowed for a
    /// 1-D array. For a histogram, choosing columns draws one outline per column instead of pooling all values.
    /// </summary>
    public string? Columns { get; init; }

    /// <summary>Picture width in pixels, <see cref="MinSize"/> to <see cref="MaxSize"/>; also the number of pixel columns long arrays are reduced to.</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>Picture height in pixels, <see cref="MinSize"/> to <see cref="MaxSize"/>.</summary>
    public int Height { get; init; } = DefaultHeight;

    /// <summary>
    /// The title's first line; null (the default) for what is drawn: file, member, dtype, shape and rows
    /// (<see cref="PlotResult.Source"/>). The second line, how values were reduced and how many could not be drawn
    /// (<see cref="PlotResult.Note"/>), is always shown.
    /// </summary>
    public string? Title { get; init; }

    /// <summary>
    /// A histogram's bins, at most (1 to <see cref="MaxBins"/>): fewer are drawn when the values span fewer, since
    /// bins merge by powers of two so that every value is counted in exactly one and whole numbers keep whole-number edges.
    /// </summary>
    public int Bins { get; init; } = DefaultBins;

    /// <summary>Checks every option's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    internal PlotOptions Validated()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "not a PlotKind");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Width, MinSize, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Width, MaxSize, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, MinSize, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Height, MaxSize, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfLessThan(Bins, 1, nameof(Bins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Bins, MaxBins, nameof(Bins));
        return this;
    }
}
