using Formats.Plotting.Tests;
using Formats.Testing;
using SkiaSharp;

namespace Formats.Host.Tests.Commands;

/// <summary>The arrays every plot test draws, made by NumPy in one call.</summary>
public sealed class PlotInputs : IDisposable
{
    public const int SpikeRows = 1_000_000;
    public const int HighSpike = 300_000;
    public const int LowSpike = 700_001;
    public const int GridRows = 200_000;
    public const int GridColumns = 16;
    public const int GridSpikeStep = 12_345; // spike k at row (k + 1) × step of column k

    public PlotInputs()
    {
        Directory.CreateDirectory(Dir.File("c"));
        Directory.CreateDirectory(Dir.File("f"));
        NumPy.Run($$"""
            t = np.arange({{SpikeRows}})
            x = (0.1 * np.sin(t / 20000)).astype('<f4')
            x[{{HighSpike}}] = 1
            x[{{LowSpike}}] = -1
            np.save('spike.npy', x)
            rng = np.random.default_rng(7)
            rec = (np.cumsum(rng.normal(size=(100_000, 4)), axis=0) * 0.01 + np.arange(4) * 3).astype('<f4')
            np.save('c/rec.npy', rec)
            np.save('f/rec.npy', np.asfortranarray(rec))
            grid = np.zeros(({{GridRows}}, {{GridColumns}}), '<f4')
            k = np.arange({{GridColumns}})
            grid[(k + 1) * {{GridSpikeStep}}, k] = 1
            np.save('grid.npy', grid)
            s = np.zeros(5000, dtype=[('t', '<f8'), ('temp', '>f4'), ('label', 'S4'), ('count', '<u2'), ('xy', '<i2', (2,))])
            s['t'] = np.arange(5000) * 0.1
            s['temp'] = 20 + np.sin(np.arange(5000) / 300)
            s['count'] = np.arange(5000) % 100
            s['xy'][:, 0] = np.arange(5000) % 37
            s['xy'][:, 1] = -5
            np.save('struct.npy', s)
            np.save('ints.npy', np.concatenate([np.full(1000, -3), np.full(3000, 0), np.full(500, 5)]).astype('<i2'))
            np.save('cube.npy', np.zeros((2, 3, 4)))
            np.save('text.npy', np.array([b'ab', b'cd']))
            """, Dir.Path);
    }

    public TempDir Dir { get; } = new();

    public string File(string name) => Dir.File(name);

    public void Dispose() => Dir.Dispose();
}

public sealed class PlotCommandTests(PlotInputs inputs) : IClassFixture<PlotInputs>
{
    private const int Width = 800;
    private const int Height = 400;

    [Fact]
    public async Task OneSpikeInAMillionSamplesIsDrawnAtItsPixelColumnInPng()
    {
        using var output = new TempDir();
        var png = output.File("spike.png");
        await Plot(inputs.File("spike.npy"), "--out", png, "--width", $"{Width}", "--height", $"{Height}");

        using var bitmap = PlotPixels.Decode(png);
        Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));
        var (top, bottom) = PlotPixels.Extents(bitmap, PlotPixels.IsFirstSeries);
        var drawn = Enumerable.Range(0, Width).Where(x => top[x] >= 0).ToList();
        Assert.True(drawn.Count > Width / 2, $"the line covers {drawn.Count} of {Width} pixel columns");

        // The line runs from the first pixel column's middle row to the last one's, edge to edge of the area.
        var (left, right) = PlotPixels.Area(bitmap);
        Assert.InRange(drawn[0], left - 1, left + 1);
        Assert.InRange(drawn[^1], right - 1, right + 1);
        int Expected(long row) => (int)Math.Round(left + ((row - 0.5 * PlotInputs.SpikeRows / Width) / (PlotInputs.SpikeRows * (1 - 1.0 / Width)) * (right - left)));
        var highest = drawn.MinBy(x => top[x]);
        var lowest = drawn.MaxBy(x => bottom[x]);
        Assert.InRange(highest, Expected(PlotInputs.HighSpike) - 3, Expected(PlotInputs.HighSpike) + 3);
        Assert.InRange(lowest, Expected(PlotInputs.LowSpike) - 3, Expected(PlotInputs.LowSpike) + 3);

        // Each spike is one sample of 1 against a wave of amplitude 0.1: it stands far out of the band the wave fills.
        var band = drawn.Where(x => Math.Abs(x - highest) > 3 && Math.Abs(x - lowest) > 3).ToList();
        Assert.True(band.Min(x => top[x]) - top[highest] > Height / 4, "the high spike reaches far above the wave");
        Assert.True(bottom[lowest] - band.Max(x => bottom[x]) > Height / 4, "the low spike reaches far below the wave");
    }

    [Fact]
    public async Task OneSpikeInAMillionSamplesIsAPointOfTheSvgLine()
    {
        using var output = new TempDir();
        var svgPath = output.File("spike.svg");
        var stderr = await Plot(inputs.File("spike.npy"), "--out", svgPath, "--width", $"{Width}", "--height", $"{Height}");
        Assert.Contains("min/max envelope of all 1000000 rows", stderr, StringComparison.Ordinal);

        var svg = PlotPixels.Svg(svgPath);
        Assert.Equal($"{Width}", (string?)svg.Root!.Attribute("width"));
        var text = PlotPixels.Text(svg);
        Assert.Contains("spike.npy: <f4 (1000000,), rows 0:1000000", text, StringComparison.Ordinal);
        Assert.Contains("row", text, StringComparison.Ordinal);
        var points = PlotPixels.PathPoints(svg, "#1F77B4");
        Assert.True(points.Count >= Width, $"{points.Count} points");
        double left = points.Min(p => p.X), right = points.Max(p => p.X);
        var top = points.MinBy(p => p.Y);
        var bottom = points.MaxBy(p => p.Y);
        Assert.InRange((top.X - left) / (right - left), 0.299 - 0.003, 0.299 + 0.003);
        Assert.InRange((bottom.X - left) / (right - left), 0.700 - 0.003, 0.700 + 0.003);
    }

    [Fact]
    public async Task TwoDimensionalArrayIsOneLinePerColumnAndFortranOrderDrawsTheSame()
    {
        using var output = new TempDir();
        await Plot(inputs.File("c/rec.npy"), "--out", output.File("c.png"));
        await Plot(inputs.File("f/rec.npy"), "--out", output.File("f.png"));
        await Plot(inputs.File("c/rec.npy"), "--out", output.File("c.svg"));

        using var bitmap = PlotPixels.Decode(output.File("c.png"));
        Assert.Equal((1000, 500), (bitmap.Width, bitmap.Height));
        foreach (var colour in PlotPixels.Palette[..4])
        {
            Assert.True(PlotPixels.Count(bitmap, c => PlotPixels.IsShadeOf(c, colour)) > 200, $"no line in {colour}");
        }

        // The same values stored column after column give the same picture (same file name, same title).
        Assert.Equal(File.ReadAllBytes(output.File("c.png")), File.ReadAllBytes(output.File("f.png")));

        var text = PlotPixels.Text(PlotPixels.Svg(output.File("c.svg")));
        Assert.Contains("[:, 3]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageShowsEverySingleLargeValueInItsCell()
    {
        using var output = new TempDir();
        var png = output.File("grid.png");
        await Plot(inputs.File("grid.npy"), "--image", "--out", png);
        await Plot(inputs.File("grid.npy"), "--image", "--out", output.File("grid.svg"));
        Assert.Contains("<image", File.ReadAllText(output.File("grid.svg")), StringComparison.Ordinal);

        using var bitmap = PlotPixels.Decode(png);
        static bool Purple(SKColor c) => PlotPixels.IsNear(c, new SKColor(68, 1, 84), 20);
        static bool Yellow(SKColor c) => c.Red > 200 && c.Green > 200 && c.Blue < 120;

        // The heatmap is the purple (zero) block; the colour bar beside it is teal at mid-height.
        var middle = bitmap.Height / 2;
        var row = Enumerable.Range(0, bitmap.Width).Where(x => Purple(bitmap.GetPixel(x, middle))).ToList();
        int x0 = row[0], x1 = row[^1];
        var column = Enumerable.Range(0, bitmap.Height).Where(y => Purple(bitmap.GetPixel(x0 + 2, y))).ToList();
        int y0 = column[0], y1 = column[^1];
        var yellow = new List<(int X, int Y)>();
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (Yellow(bitmap.GetPixel(x, y)))
                {
                    yellow.Add((x, y));
                }
            }
        }

        // Sixteen single values among 3.2 million, one per column: each is a yellow cell where it belongs, and nothing else is.
        var cellHeight = (y1 - y0 + 1) / (double)PlotInputs.GridColumns;
        var spikes = Enumerable.Range(0, PlotInputs.GridColumns).Select(k => (
            X: x0 + (((k + 1) * PlotInputs.GridSpikeStep + 0.5) / PlotInputs.GridRows * (x1 - x0 + 1)),
            Y: y1 + 1 - ((k + 0.5) / PlotInputs.GridColumns * (y1 - y0 + 1)))).ToList();
        bool Near((int X, int Y) p, (double X, double Y) s) => Math.Abs(p.X - s.X) <= 3 && Math.Abs(p.Y - s.Y) <= (cellHeight / 2) + 2;
        Assert.All(spikes, s => Assert.True(yellow.Any(p => Near(p, s)), $"no yellow cell at ({s.X:F0}, {s.Y:F0})"));
        Assert.All(yellow, p => Assert.True(spikes.Any(s => Near(p, s)), $"yellow at {p} where no value is large"));
    }

    [Fact]
    public async Task StructuredArrayDrawsItsNumericFields()
    {
        using var output = new TempDir();
        await Plot(inputs.File("struct.npy"), "--out", output.File("s.png"));
        await Plot(inputs.File("struct.npy"), "--out", output.File("s.svg"));
        using var bitmap = PlotPixels.Decode(output.File("s.png"));
        foreach (var colour in PlotPixels.Palette)
        {
            Assert.True(PlotPixels.Count(bitmap, c => PlotPixels.IsShadeOf(c, colour)) > 20, $"no line in {colour}");
        }

        var text = PlotPixels.Text(PlotPixels.Svg(output.File("s.svg")));
        foreach (var field in new[] { "t", "temp", "count", "xy[0]", "xy[1]" })
        {
            Assert.Contains(field, text.Split('\n'));
        }

        Assert.DoesNotContain("label", text.Split('\n'));

        // One field, chosen by name: a big-endian float from 19 to 21.
        var stderr = await Plot(inputs.File("struct.npy"), "--columns", "temp", "--out", output.File("temp.svg"));
        Assert.Contains("rows 0:5000", stderr, StringComparison.Ordinal);
        Assert.Contains("value (>f4)", PlotPixels.Text(PlotPixels.Svg(output.File("temp.svg"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistogramOfAllValuesAndPerColumn()
    {
        using var output = new TempDir();
        var stderr = await Plot(inputs.File("ints.npy"), "--hist", "--out", output.File("h.png"));
        Assert.Contains("4500 values from -3 to 5", stderr, StringComparison.Ordinal);
        await Plot(inputs.File("ints.npy"), "--hist", "--out", output.File("h.svg"));
        using (var bitmap = PlotPixels.Decode(output.File("h.png")))
        {
            // Three bars; the middle one (3000 of 4500) is the tallest.
            var (top, _) = PlotPixels.Extents(bitmap, c => PlotPixels.IsNear(c, PlotPixels.Palette[0], 10));
            var columns = Enumerable.Range(0, bitmap.Width).Where(x => top[x] >= 0).ToList();
            Assert.NotEmpty(columns);
            var runs = columns.Zip(columns.Skip(1)).Count(p => p.Second != p.First + 1) + 1;
            Assert.Equal(3, runs);
        }

        Assert.Contains("count", PlotPixels.Text(PlotPixels.Svg(output.File("h.svg"))), StringComparison.Ordinal);

        await Plot(inputs.File("c/rec.npy"), "--hist", "--columns", "0,2", "--out", output.File("h2.png"));
        using var perColumn = PlotPixels.Decode(output.File("h2.png"));
        Assert.True(PlotPixels.Count(perColumn, c => PlotPixels.IsShadeOf(c, PlotPixels.Palette[0])) > 100);
        Assert.True(PlotPixels.Count(perColumn, c => PlotPixels.IsShadeOf(c, PlotPixels.Palette[1])) > 100);
    }

    [Fact]
    public async Task RowsAreNamedAndDrawnAtTheirRowNumbers()
    {
        using var output = new TempDir();
        var stderr = await Plot(inputs.File("spike.npy"), "--rows", "299000:301000", "--out", output.File("r.svg"));
        Assert.Contains("rows 299000:301000; all 2000 rows", stderr, StringComparison.Ordinal);
        var svg = PlotPixels.Svg(output.File("r.svg"));
        Assert.Contains("rows 299000:301000", PlotPixels.Text(svg), StringComparison.Ordinal);
        var points = PlotPixels.PathPoints(svg, "#1F77B4");
        Assert.Equal(2000, points.Count);
        double left = points.Min(p => p.X), right = points.Max(p => p.X);
        Assert.InRange((points.MinBy(p => p.Y).X - left) / (right - left), (1000 - 0.6) / 1999, (1000 + 0.6) / 1999);
    }

    [Theory]
    [InlineData("cube.npy", "plot draws 1-D and 2-D arrays")]
    [InlineData("text.npy", "plot draws booleans, integers and floats; dtype |S2 is none of them")]
    [InlineData("c/rec.npy", "--columns: column 9 is outside the array's 4 columns", "--columns", "1,9")]
    [InlineData("struct.npy", "--columns: no numeric field 'label'", "--columns", "label")]
    [InlineData("spike.npy", "--columns: this array is 1-D", "--columns", "0")]
    public async Task BadInputIsOneErrorLineAndLeavesTheOldPictureAlone(string file, string problem, params string[] more)
    {
        using var output = new TempDir();
        var png = output.File("p.png");
        File.WriteAllText(png, "the picture from before");
        var (code, stdout, stderr) = await Cli.RunAsync(["plot", inputs.File(file), "--out", png, .. more]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {inputs.File(file)}: {problem}", line, StringComparison.Ordinal);
        Assert.Equal("the picture from before", File.ReadAllText(png));
        Assert.Equal([png], Directory.GetFiles(output.Path));
    }

    [Theory]
    [InlineData("--out", "p.txt")]
    [InlineData("--out", "p.png", "--image", "--hist")]
    [InlineData("--out", "p.png", "--width", "5")]
    public async Task BadArgumentsAreUsageErrors(params string[] args)
    {
        using var output = new TempDir();
        var (code, _, stderr) = await Cli.RunAsync(["plot", inputs.File("spike.npy"), .. args.Select(a => a.StartsWith('p') ? output.File(a) : a)]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output.Path));
    }

    private static async Task<string> Plot(params string[] args)
    {
        var (code, stdout, stderr) = await Cli.RunAsync(["plot", .. args]);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        return stderr;
    }
}
