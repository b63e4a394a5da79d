namespace Formats.Plotting;

/// <summary>
/// Pictures of arrays as PNG or SVG: lines against the row number, a heatmap, or a histogram (<see cref="PlotKind"/>),
/// drawn with ScottPlot.
/// </summary>
/// <remarks>
/// <para>
/// An array is read once, in chunks of about a megabyte (the next read while the current one is decoded), into a
/// summary whose size depends on the picture, not the array: per pixel column the smallest and largest value of each
/// series (a min/max envelope, so a single spike in a million samples still reaches its pixel), per heatmap cell the
/// largest value, or a histogram whose bins widen as values arrive. Arrays larger than memory plot in a few tens of
/// megabytes; no sample is skipped. NaN and infinities are not drawn and the title counts them.
/// </para>
/// <para>
/// Drawn: 1-D and 2-D arrays of booleans, integers and floats (a line per column of a 2-D array), and the numeric
/// fields of 1-D structured arrays (nested fields as <c>a.b</c>, subarray elements as <c>a[0]</c>), in either byte order
/// and in C or Fortran order. The title's first line names the source (<see cref="PlotResult.Source"/>), the second how
/// values were reduced (<see cref="PlotResult.Note"/>).
/// </para>
/// <para>
/// Files are read through <see cref="ArrayFiles"/> (any format it reads; <see cref="ReadRequest"/> chooses the member,
/// the rows and a raw layout); in-memory arrays need none. Output files are replaced atomically: a temporary file
/// beside the target, renamed over it once complete, so a failed plot leaves the previous picture in place.
/// </para>
/// </remarks>
public sealed class ArrayPlotter
{
    private readonly ArrayFiles files;

    /// <summary>A plotter that reads files through <paramref name="files"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> is null.</exception>
    public ArrayPlotter(ArrayFiles files) => this.files = files ?? throw new ArgumentNullException(nameof(files));

    /// <summary>The image format a file name's extension names: <c>.png</c> or <c>.svg</c> (any case).</summary>
    /// <param name="path">A file name or path.</param>
    /// <param name="format">The format, when the extension is one of the two.</param>
    /// <returns>True when <paramref name="path"/> ends in <c>.png</c> or <c>.svg</c>.</returns>
    public static bool TryGetImageFormat(string path, out PlotImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        var known = true;
        format = PlotImageFormat.Png;
        if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            format = PlotImageFormat.Svg;
        }
        else if (!extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            known = false;
        }

        return known;
    }

    /// <summary>Draws the array <paramref name="read"/> selects in the file <paramref name="path"/> into <paramref name="output"/>.</summary>
    /// <param name="path">The array file (any format <see cref="ArrayFiles"/> reads).</param>
    /// <param name="output">Receives the encoded picture; left open.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="read">The format, raw layout, member and rows to read; null for the only array, all rows.</param>
    /// <param name="options">What to draw and how large; null for <see cref="PlotOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the pass between chunks, or the write.</param>
    /// <returns>What the picture shows.</returns>
    /// <exception cref="ArrayFormatException">The file cannot be read or its array cannot be drawn; the message names the file.</exception>
    /// <exception cref="PlotOptionException"><see cref="PlotOptions.Columns"/> or <see cref="PlotOptions.Kind"/> does not fit the array.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public async Task<PlotResult> PlotAsync(string path, Stream output, PlotImageFormat format, ReadRequest? read = null, PlotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(output);
        options = Checked(options, format);
        var content = PlotScan.Scan(files, path, read ?? ReadRequest.Default, options, cancellationToken);
        await output.WriteAsync(PlotRendering.Render(content, options, format), cancellationToken).ConfigureAwait(false);
        return content.Result;
    }

    /// <summary>
    /// Draws the array <paramref name="read"/> selects in the file <paramref name="path"/> into the picture file
    /// <paramref name="outputPath"/>, PNG or SVG by its extension, replaced atomically.
    /// </summary>
    /// <param name="path">The array file (any format <see cref="ArrayFiles"/> reads).</param>
    /// <param name="outputPath">The picture to write: <c>.png</c> or <c>.svg</c>; its folder must exist.</param>
    /// <param name="read">The format, raw layout, member and rows to read; null for the only array, all rows.</param>
    /// <param name="options">What to draw and how large; null for <see cref="PlotOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the pass between chunks, or the write (leaving no file behind).</param>
    /// <returns>What the picture shows.</returns>
    /// <exception cref="ArrayFormatException">The file cannot be read or its array cannot be drawn; the message names the file.</exception>
    /// <exception cref="PlotOptionException"><see cref="PlotOptions.Columns"/> or <see cref="PlotOptions.Kind"/> does not fit the array.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputPath"/> ends in neither <c>.png</c> nor <c>.svg</c>, or an option is outside its range.</exception>
    /// <exception cref="IOException">The picture cannot be written.</exception>
    public async Task<PlotResult> PlotToFileAsync(string path, string outputPath, ReadRequest? read = null, PlotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = FormatOf(outputPath);
        options = Checked(options, format);
        var content = PlotScan.Scan(files, path, read ?? ReadRequest.Default, options, cancellationToken);
        await PlotOutputFile.WriteAsync(outputPath, PlotRendering.Render(content, options, format), cancellationToken).ConfigureAwait(false);
        return content.Result;
    }

    /// <summary>Draws <paramref name="array"/>, all its rows, into <paramref name="output"/>. The array is only read.</summary>
    /// <param name="array">A 1-D or 2-D numeric array, or a 1-D structured one.</param>
    /// <param name="output">Receives the encoded picture; left open.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="options">What to draw and how large; null for <see cref="PlotOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the pass between chunks, or the write.</param>
    /// <returns>What the picture shows.</returns>
    /// <exception cref="ArrayFormatException">The array cannot be drawn.</exception>
    /// <exception cref="PlotOptionException"><see cref="PlotOptions.Columns"/> or <see cref="PlotOptions.Kind"/> does not fit the array.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public static async Task<PlotResult> PlotArrayAsync(NDArray array, Stream output, PlotImageFormat format, PlotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(output);
        options = Checked(options, format);
        var content = PlotScan.Scan(array, options, cancellationToken);
        await output.WriteAsync(PlotRendering.Render(content, options, format), cancellationToken).ConfigureAwait(false);
        return content.Result;
    }

    /// <summary>
    /// Draws <paramref name="array"/>, all its rows, into the picture file <paramref name="outputPath"/>, PNG or SVG by
    /// its extension, replaced atomically. The array is only read.
    /// </summary>
    /// <param name="array">A 1-D or 2-D numeric array, or a 1-D structured one.</param>
    /// <param name="outputPath">The picture to write: <c>.png</c> or <c>.svg</c>; its folder must exist.</param>
    /// <param name="options">What to draw and how large; null for <see cref="PlotOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the pass between chunks, or the write (leaving no file behind).</param>
    /// <returns>What the picture shows.</returns>
    /// <exception cref="ArrayFormatException">The array cannot be drawn.</exception>
    /// <exception cref="PlotOptionException"><see cref="PlotOptions.Columns"/> or <see cref="PlotOptions.Kind"/> does not fit the array.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputPath"/> ends in neither <c>.png</c> nor <c>.svg</c>, or an option is outside its range.</exception>
    /// <exception cref="IOException">The picture cannot be written.</exception>
    public static async Task<PlotResult> PlotArrayToFileAsync(NDArray array, string outputPath, PlotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(array);
        var format = FormatOf(outputPath);
        options = Checked(options, format);
        var content = PlotScan.Scan(array, options, cancellationToken);
        await PlotOutputFile.WriteAsync(outputPath, PlotRendering.Render(content, options, format), cancellationToken).ConfigureAwait(false);
        return content.Result;
    }

    private static PlotImageFormat FormatOf(string outputPath)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        return TryGetImageFormat(outputPath, out var format)
            ? format
            : throw new ArgumentException($"'{outputPath}' names no picture format: end it in .png or .svg", nameof(outputPath));
    }

    private static PlotOptions Checked(PlotOptions? options, PlotImageFormat format)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "not a PlotImageFormat");
        }

        return (options ?? PlotOptions.Default).Validated();
    }
}
