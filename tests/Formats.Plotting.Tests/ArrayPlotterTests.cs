using System.Buffers.Binary;
using Formats.Testing;

namespace Formats.Plotting.Tests;

/// <summary>
/// The public API: a file or an array in memory drawn to a stream or a file, <see cref="PlotKind.Auto"/>'s choice,
/// the title and bins options, and option errors.
/// </summary>
public sealed class ArrayPlotterTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDir dir = new();
    private readonly ArrayFiles files = TestServices.Files();

    public ArrayPlotterTests() => NumPy.Run("""
        rng = np.random.default_rng(5)
        np.save('be.npy', np.asfortranarray((np.cumsum(rng.normal(size=(5000, 3)), axis=0)).astype('>f4')))
        np.save('spaced.npy', (np.arange(50) * 100).astype('<i4'))
        """, dir.Path);

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task AnArrayInMemoryDrawsWhatItsFileDrawsAndIsNotChanged()
    {
        var plotter = new ArrayPlotter(files);
        var options = new PlotOptions { Title = "recording", Width = 700, Height = 350 };
        using var array = files.Read(dir.File("be.npy"));
        var before = array.GetBytes().ToArray();

        using var fromFile = new MemoryStream();
        using var fromArray = new MemoryStream();
        var fileResult = await plotter.PlotAsync(dir.File("be.npy"), fromFile, PlotImageFormat.Png, options: options);
        var arrayResult = await ArrayPlotter.PlotArrayAsync(array, fromArray, PlotImageFormat.Png, options);

        Assert.Equal(fromFile.ToArray(), fromArray.ToArray());
        Assert.Equal(before, array.GetBytes().ToArray()); // big-endian values are swapped in chunk copies, not in the array
        Assert.Equal("be.npy: >f4 (5000, 3), rows 0:5000", fileResult.Source);
        Assert.Equal(">f4 (5000, 3), rows 0:5000", arrayResult.Source);
        Assert.Equal("min/max envelope of all 5000 rows in 700 pixel columns", arrayResult.Note);
        Assert.Equal(PlotKind.Lines, arrayResult.Kind);
    }

    [Fact]
    public async Task APngToAStreamHasTheRequestedSizeAndLeavesTheStreamOpen()
    {
        using var output = new MemoryStream();
        await new ArrayPlotter(files).PlotAsync(dir.File("be.npy"), output, PlotImageFormat.Png,
            ReadRequest.Default with { RowStart = 100, RowStop = 200 }, new PlotOptions { Width = 640, Height = 360 });

        var png = output.ToArray();
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((640, 360), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        output.WriteByte(0); // still open
    }

    [Fact]
    public void AutoDrawsLinesUpToMaxLinesSeriesAndAHeatmapBeyond()
    {
        using var wide = NDArray.FromValues<float>(new float[100 * (PlotOptions.MaxLines + 1)], [100, PlotOptions.MaxLines + 1]);

        Assert.Equal(PlotKind.Image, Draw(wide, new PlotOptions()).Kind);
        Assert.Equal(PlotKind.Lines, Draw(wide, new PlotOptions { Columns = $"0:{PlotOptions.MaxLines}" }).Kind);
        var e = Assert.Throws<PlotOptionException>(() => Draw(wide, new PlotOptions { Kind = PlotKind.Lines }));
        Assert.Equal(nameof(PlotOptions.Kind), e.Option);
        Assert.Equal($"{PlotOptions.MaxLines + 1} series are too many lines for one plot (at most {PlotOptions.MaxLines})", e.Message);
    }

    [Fact]
    public async Task TheTitleReplacesTheSourceLineAndBinsLimitTheHistogramsBars()
    {
        var plotter = new ArrayPlotter(files);
        var svg = dir.File("h.svg");
        var many = await plotter.PlotToFileAsync(dir.File("spaced.npy"), svg, options: new PlotOptions { Kind = PlotKind.Histogram, Title = "fifty values" });
        var text = PlotPixels.Text(PlotPixels.Svg(svg));
        Assert.Contains("fifty values", text, StringComparison.Ordinal);
        Assert.Contains("50 values from 0 to 4900", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spaced.npy", text, StringComparison.Ordinal);
        Assert.Equal("spaced.npy: <i4 (50,), rows 0:50", many.Source);
        var bars = Bars(svg);

        await plotter.PlotToFileAsync(dir.File("spaced.npy"), svg, options: new PlotOptions { Kind = PlotKind.Histogram, Bins = 10 });
        var few = Bars(svg);

        // 50 values 100 apart: each in a bar of its own by default, in at most 10 (of about 5 each) with Bins = 10.
        Assert.Equal(50, bars);
        Assert.InRange(few, 5, 10);
    }

    [Fact]
    public async Task OptionsOutOfRangeAndOtherExtensionsAreArgumentErrorsAndWriteNothing()
    {
        var plotter = new ArrayPlotter(files);
        using var array = NDArray.FromValues<double>([1, 2, 3]);

        await Assert.ThrowsAsync<ArgumentException>(() => plotter.PlotToFileAsync(dir.File("be.npy"), dir.File("p.jpg")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ArrayPlotter.PlotArrayToFileAsync(array, dir.File("p.png"), new PlotOptions { Width = 10 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ArrayPlotter.PlotArrayToFileAsync(array, dir.File("p.png"), new PlotOptions { Bins = 0 }));
        var e = await Assert.ThrowsAsync<PlotOptionException>(() => ArrayPlotter.PlotArrayToFileAsync(array, dir.File("p.png"), new PlotOptions { Columns = "0" }));
        Assert.Equal(nameof(PlotOptions.Columns), e.Option);
        Assert.Equal(["be.npy", "spaced.npy"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void TheImageFormatIsTheExtensionsInAnyCase()
    {
        Assert.True(ArrayPlotter.TryGetImageFormat("a/b.SVG", out var svg));
        Assert.Equal(PlotImageFormat.Svg, svg);
        Assert.True(ArrayPlotter.TryGetImageFormat("b.png", out var png));
        Assert.Equal(PlotImageFormat.Png, png);
        Assert.False(ArrayPlotter.TryGetImageFormat("b.png.txt", out _));
    }

    private static PlotResult Draw(NDArray array, PlotOptions options)
    {
        using var output = new MemoryStream();
        return ArrayPlotter.PlotArrayAsync(array, output, PlotImageFormat.Svg, options).GetAwaiter().GetResult();
    }

    // Bars are filled in the first series' colour.
    private static int Bars(string svg) => PlotPixels.Svg(svg).Descendants()
        .Count(e => string.Equals((string?)e.Attribute("fill"), "#1F77B4", StringComparison.OrdinalIgnoreCase));
}
