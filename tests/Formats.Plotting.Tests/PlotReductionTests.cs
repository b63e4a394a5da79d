using System.Text.Json;
using Formats.Testing;

namespace Formats.Plotting.Tests;

/// <summary>
/// What one streaming pass keeps, compared with NumPy computing the same reductions over the whole array: per pixel
/// column min/max (np.fmin/np.fmax.reduceat), heatmap cells (np.maximum.reduceat both ways), histogram counts
/// (np.unique). Every sample is accounted for; none is skipped.
/// </summary>
public sealed class PlotReductionTests : IClassFixture<PlotReductionTests.Inputs>
{
    private readonly Inputs inputs;

    public PlotReductionTests(Inputs inputs) => this.inputs = inputs;

    [Theory]
    [InlineData("a.npy", 997, 0)]
    [InlineData("b.npy", 400, 2)] // big-endian int16, Fortran order: the column-major path
    [InlineData("c.npy", 333, 1)] // structured: a big-endian field
    public void EnvelopeIsNumPysMinAndMaxOfEachPixelColumn(string file, int width, int channel)
    {
        var content = Scan(file, PlotKind.Lines, width);
        var lines = Assert.IsType<LineEnvelope>(content.Data);
        Assert.True(lines.IsEnvelope);
        var segments = lines.Segments(channel, content.FirstRow);
        double[] xs = [.. segments.SelectMany(s => s.Xs)], ys = [.. segments.SelectMany(s => s.Ys)];
        var expected = inputs.Expected.GetProperty(file);
        var bins = expected.GetProperty("bins").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var lo = expected.GetProperty("lo").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var hi = expected.GetProperty("hi").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var centre = expected.GetProperty("centre").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(bins.Length * 2, xs.Length);
        for (var i = 0; i < bins.Length; i++)
        {
            Assert.Equal(centre[i], xs[2 * i]);
            Assert.Equal(lo[i], Math.Min(ys[2 * i], ys[(2 * i) + 1]));
            Assert.Equal(hi[i], Math.Max(ys[2 * i], ys[(2 * i) + 1]));
        }

        Assert.Equal(expected.GetProperty("nonfinite").GetInt64(), lines.NonFinite);
    }

    [Fact]
    public void ImageCellsAreNumPysBlockMaxima()
    {
        var content = Scan("g.npy", PlotKind.Image, 100, 10);
        var grid = Assert.IsType<ImageGrid>(content.Data);
        var expected = inputs.Expected.GetProperty("g.npy");
        var cells = expected.GetProperty("cells").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        Assert.Equal((cells.Length, cells[0].Length), (grid.Cells.GetLength(0), grid.Cells.GetLength(1)));
        for (var y = 0; y < cells.Length; y++)
        {
            for (var x = 0; x < cells[0].Length; x++)
            {
                Assert.Equal(cells[y][x], grid.Cells[y, x]);
            }
        }

        Assert.Equal(expected.GetProperty("min").GetDouble(), grid.Min);
        Assert.Equal(expected.GetProperty("max").GetDouble(), grid.Max);

        // Merged again to a smaller area, the largest value still wins.
        var fitted = grid.Fit(7, 3);
        Assert.Equal((3, 7), (fitted.GetLength(0), fitted.GetLength(1)));
        Assert.Equal(grid.Max, fitted.Cast<double>().Max());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0,1")]
    public void HistogramCountsEveryValueInTheBinItFallsIn(string? columns)
    {
        var content = Scan("h.npy", PlotKind.Histogram, 1000, 500, columns);
        var histogram = Assert.IsType<StreamingHistogram>(content.Data);
        var (edges, counts) = histogram.Bars(100);
        Assert.True(edges.Length - 1 <= 100, $"{edges.Length - 1} bins");
        var expected = inputs.Expected.GetProperty("h.npy");
        var groups = columns is null ? new[] { "all" } : ["0", "1"];
        Assert.Equal(groups.Length, counts.Length);
        for (var g = 0; g < groups.Length; g++)
        {
            // NumPy's exact count of each distinct value, summed into our bins [edge, next edge).
            var want = new long[edges.Length - 1];
            foreach (var pair in expected.GetProperty(groups[g]).EnumerateArray())
            {
                var value = pair[0].GetDouble();
                var bin = Array.FindLastIndex(edges, e => e <= value);
                Assert.InRange(bin, 0, want.Length - 1);
                want[bin] += pair[1].GetInt64();
            }

            Assert.Equal(want, counts[g]);
        }

        Assert.Equal(expected.GetProperty("min").GetDouble(), histogram.Min);
        Assert.Equal(expected.GetProperty("max").GetDouble(), histogram.Max);
        Assert.All(edges, e => Assert.Equal(Math.Floor(e), e)); // whole numbers keep whole-number edges
    }

    [Fact]
    public void FloatHistogramCountsAllFiniteValues()
    {
        var content = Scan("a.npy", PlotKind.Histogram, 1000, 500);
        var histogram = Assert.IsType<StreamingHistogram>(content.Data);
        var (edges, counts) = histogram.Bars(64);
        var expected = inputs.Expected.GetProperty("a.npy");
        Assert.Equal(expected.GetProperty("finite").GetInt64(), counts[0].Sum());
        Assert.Equal(expected.GetProperty("nonfinite").GetInt64(), histogram.NonFinite);
        Assert.True(edges[0] <= histogram.Min && histogram.Max < edges[^1]);
    }

    [Fact]
    public void AnEnvelopeBreaksAtAPixelColumnWithNoFiniteValue()
    {
        // 1000 rows in 10 pixel columns of 100 rows; column 3 (rows 300-399) holds only NaN and infinities.
        var lines = new LineEnvelope(channels: 1, rows: 1000, pixels: 10);
        var values = Enumerable.Range(0, 1000).Select(r => r is >= 300 and < 400 ? (r % 2 == 0 ? double.NaN : double.PositiveInfinity) : r).ToArray();
        lines.Accept(0, 0, values);

        var segments = lines.Segments(0, firstRow: 0);

        Assert.True(lines.IsEnvelope);
        Assert.Equal(2, segments.Count);
        Assert.Equal([49.5, 49.5, 149.5, 149.5, 249.5, 249.5], segments[0].Xs);
        Assert.Equal(449.5, segments[1].Xs[0]);
        Assert.Equal(12, segments[1].Xs.Length);
        Assert.Equal(100, lines.NonFinite);
    }

    private PlotContent Scan(string file, PlotKind kind, int width, int height = 500, string? columns = null) =>
        PlotScan.Scan(TestServices.Files(), inputs.Dir.File(file), ReadRequest.Default,
            new PlotOptions { Kind = kind, Width = width, Height = height, Columns = columns }, CancellationToken.None);

    public sealed class Inputs : IDisposable
    {
        public Inputs()
        {
            var json = NumPy.Run("""
                rng = np.random.default_rng(11)
                out = {}
                def envelope(x, width, name):
                    n = len(x); b = min(n, width)
                    starts = (np.arange(b) * n + b - 1) // b
                    stops = np.append(starts[1:], n)
                    y = np.where(np.isfinite(x), x, np.nan).astype(np.float64)
                    lo = np.fmin.reduceat(y, starts); hi = np.fmax.reduceat(y, starts)
                    keep = ~np.isnan(lo)
                    out[name] = {'bins': np.nonzero(keep)[0].tolist(), 'lo': lo[keep].tolist(), 'hi': hi[keep].tolist(),
                                 'centre': ((starts + stops - 1) / 2)[keep].tolist(), 'nonfinite': int((~np.isfinite(x)).sum()),
                                 'finite': int(np.isfinite(x).sum())}
                a = rng.normal(size=100_003)
                a[[5, 17, 99_000]] = [np.nan, np.inf, -np.inf]
                a[4000:4200] = np.nan
                np.save('a.npy', a)
                envelope(a, 997, 'a.npy')
                b = np.asfortranarray(rng.integers(-30000, 30000, size=(50_001, 3)).astype('>i2'))
                np.save('b.npy', b)
                envelope(b[:, 2].astype(np.float64), 400, 'b.npy')
                c = np.zeros(20_000, dtype=[('k', '<u1'), ('v', '>f4'), ('s', 'S3')])
                c['k'] = np.arange(20_000) % 251
                c['v'] = rng.normal(size=20_000).astype('>f4')
                np.save('c.npy', c)
                envelope(c['v'].astype(np.float64), 333, 'c.npy')
                g = rng.normal(size=(1000, 37)).astype('<f4')
                np.save('g.npy', g)
                xs = (np.arange(100) * 1000 + 99) // 100; ys = (np.arange(10) * 37 + 9) // 10
                cells = np.maximum.reduceat(np.maximum.reduceat(g.astype(np.float64), xs, axis=0), ys, axis=1).T
                out['g.npy'] = {'cells': cells.tolist(), 'min': float(g.min()), 'max': float(g.max())}
                h = np.stack([rng.integers(-5000, 70000, size=30_000), rng.integers(0, 300, size=30_000)], axis=1).astype('<i4')
                np.save('h.npy', h)
                def counts(v):
                    u, n = np.unique(v, return_counts=True)
                    return [[int(a), int(b)] for a, b in zip(u, n)]
                out['h.npy'] = {'all': counts(h.ravel()), '0': counts(h[:, 0]), '1': counts(h[:, 1]), 'min': float(h.min()), 'max': float(h.max())}
                print(json.dumps(out))
                """, Dir.Path);
            Expected = JsonDocument.Parse(json).RootElement.Clone();
        }

        public TempDir Dir { get; } = new();

        public JsonElement Expected { get; }

        public void Dispose() => Dir.Dispose();
    }
}
