using System.Globalization;
using System.Xml.Linq;
using Formats.Plotting.Tests;
using Formats.Testing;

namespace Formats.Host.Tests.Plotting;

/// <summary>
/// Small arrays, read back from the SVG: lines break at NaN and infinities (as matplotlib's do), the row axis has
/// whole-number ticks and reaches the last row, a 1-D or one-column array draws its one strip of cells with
/// <c>--image</c>, and a constant heatmap's colour bar has ticks beside it and its label beyond them.
/// </summary>
public sealed class SmallArrayPlotTests : IDisposable
{
    private readonly TempDir dir = new();

    public SmallArrayPlotTests() => NumPy.Run("""
        np.save('gaps.npy', np.array([1, 2, np.nan, 4, 5, np.inf, 7, 8, np.nan]))
        np.save('three.npy', np.array([1.0, 2.0, 3.0]))
        np.save('strip.npy', np.arange(6.0))
        np.save('column.npy', np.arange(6.0).reshape(6, 1))
        np.save('constant.npy', np.full((4, 5), 7.0))
        """, dir.Path);

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ALineBreaksAtNaNAndInfinityAndItsAxisReachesTheLastRow()
    {
        var svg = await PlotSvg("gaps.npy");

        var ticks = BottomTicks(svg);
        Assert.All(ticks, t => Assert.True(int.TryParse(t.Text, CultureInfo.InvariantCulture, out _), $"row tick '{t.Text}' is not a whole number"));
        Assert.Equal("0", ticks[0].Text);
        Assert.Equal("8", ticks[^1].Text); // row 8 is NaN: not drawn, but on the axis
        double Row(double x) => (x - ticks[0].X) / (ticks[^1].X - ticks[0].X) * 8;

        // Rows 0-1, 3-4 and 6-7: three pieces, none joining values across the NaN at 2 or the infinity at 5.
        var pieces = PlotPixels.Paths(svg, "#1F77B4").Where(p => p.Count > 0)
            .Select(p => p.Select(q => Math.Round(Row(q.X), 3)).ToArray()).ToList();
        Assert.Equal([[0, 1], [3, 4], [6, 7]], pieces);
    }

    [Fact]
    public async Task AFewRowsHaveWholeNumberTicksOverTheirFullRange()
    {
        var svg = await PlotSvg("three.npy");

        Assert.Equal(["0", "1", "2"], BottomTicks(svg).Select(t => t.Text));
        var line = Assert.Single(PlotPixels.Paths(svg, "#1F77B4"), p => p.Count > 0);
        Assert.Equal(3, line.Count);
    }

    [Theory]
    [InlineData("strip.npy")]
    [InlineData("column.npy")]
    public async Task AnImageOfOneStripDrawsOneCellPerValue(string file)
    {
        var svg = await PlotSvg(file, "--image");

        var images = PlotPixels.Images(svg);
        var bar = Assert.Single(images, i => i.Bitmap.Width == 1); // the colour bar's colour map
        var (cells, left, _, width, height) = Assert.Single(images, i => i.Bitmap.Width > 1);

        // Six cells along the rows, the same down the strip, rising from the colour map's bottom to its top.
        Assert.Equal(6, cells.Width);
        for (var x = 0; x < cells.Width; x++)
        {
            Assert.All(Enumerable.Range(0, cells.Height), y => Assert.Equal(cells.GetPixel(x, 0), cells.GetPixel(x, y)));
        }

        Assert.Equal(6, Enumerable.Range(0, 6).Select(x => cells.GetPixel(x, 0)).Distinct().Count());
        Assert.Equal(bar.Bitmap.GetPixel(0, bar.Bitmap.Height - 1), cells.GetPixel(0, 0));
        Assert.Equal(bar.Bitmap.GetPixel(0, 0), cells.GetPixel(5, 0));

        // The strip fills the plot area up to the colour bar.
        Assert.InRange(width, 0.6 * bar.Left, bar.Left - left);
        Assert.Equal(bar.Height, height, 1);
    }

    [Fact]
    public async Task AConstantHeatmapHasColourBarTicksAndItsLabelBeyondThem()
    {
        var svg = await PlotSvg("constant.npy", "--image");

        var bar = Assert.Single(PlotPixels.Images(svg), i => i.Bitmap.Width == 1);
        var barRight = bar.Left + bar.Width;
        var barTicks = PlotPixels.PlacedTexts(svg, "12").Where(t => t.X >= barRight).ToList();
        Assert.True(barTicks.Count >= 2, $"{barTicks.Count} colour bar tick label(s)");
        Assert.All(barTicks, t => Assert.True(double.TryParse(t.Text, CultureInfo.InvariantCulture, out _), $"'{t.Text}' is not a number"));
        Assert.Contains(barTicks, t => t.Text == "7");

        // The label is turned a quarter; its glyphs lie left of its anchor by at most its baseline offset and descent.
        var label = svg.Descendants().Single(e => e.Name.LocalName == "text"
            && ((string?)e.Attribute("transform"))?.StartsWith("matrix(0 1 -1 0 ", StringComparison.Ordinal) == true);
        Assert.Equal("value (<f8)", label.Value.Trim());
        var anchor = double.Parse(((string)label.Attribute("transform")!).Split(' ')[4], CultureInfo.InvariantCulture);
        var baseline = double.Parse(((string)label.Attribute("y")!).Split(',')[0], CultureInfo.InvariantCulture);
        var labelLeft = anchor - baseline - (0.25 * 16);
        Assert.True(labelLeft > barRight, $"label from x={labelLeft:F1} overlaps the colour bar ending at x={barRight:F1}");
        Assert.True(labelLeft > barTicks.Max(t => t.X), "label overlaps the colour bar's tick labels");
    }

    // The bottom axis's tick labels, left to right: the lowest row of 12 px texts.
    private static List<(string Text, double X, double Y)> BottomTicks(XDocument svg)
    {
        var texts = PlotPixels.PlacedTexts(svg, "12");
        var bottom = texts.Max(t => t.Y);
        return [.. texts.Where(t => t.Y == bottom).OrderBy(t => t.X)];
    }

    private async Task<XDocument> PlotSvg(string file, params string[] more)
    {
        var svg = dir.File(Path.ChangeExtension(file, ".svg"));
        var (code, _, stderr) = await Cli.RunAsync(["plot", dir.File(file), "--out", svg, "--width", "600", "--height", "300", .. more]);
        Assert.True(code == 0, stderr);
        return PlotPixels.Svg(svg);
    }
}
