using System.Globalization;
using System.Xml.Linq;
using SkiaSharp;

namespace Formats.Plotting.Tests;

/// <summary>Reads back what was plotted: decoded PNG pixels and the points of SVG paths.</summary>
internal static class PlotPixels
{
    /// <summary>ScottPlot's first series colours (Category10), in the order series are added.</summary>
    public static readonly SKColor[] Palette =
    [
        SKColor.Parse("#1f77b4"), SKColor.Parse("#ff7f0e"), SKColor.Parse("#2ca02c"), SKColor.Parse("#d62728"), SKColor.Parse("#9467bd"),
    ];

    public static SKBitmap Decode(string path)
    {
        var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap is not null, $"{path} is not a decodable image");
        return bitmap;
    }

    /// <summary>True when the colour is the first series' blue or an anti-aliased blend of it with white.</summary>
    public static bool IsFirstSeries(SKColor c) => c.Blue - c.Red > 30 && c.Blue > c.Green && c.Green > c.Red;

    /// <summary>
    /// True when <paramref name="c"/> is <paramref name="target"/> drawn with some coverage over white (how an
    /// anti-aliased thin line looks): every channel moved the same fraction of the way from white.
    /// </summary>
    public static bool IsShadeOf(SKColor c, SKColor target)
    {
        var fractions = new List<double>();
        foreach (var (have, want) in new[] { (c.Red, target.Red), (c.Green, target.Green), (c.Blue, target.Blue) })
        {
            if (255 - want > 60)
            {
                fractions.Add((255.0 - have) / (255 - want));
            }
            else if (have < want - 30)
            {
                return false;
            }
        }

        return fractions.Min() > 0.4 && fractions.Max() - fractions.Min() < 0.12;
    }

    public static bool IsNear(SKColor c, SKColor target, int tolerance) =>
        Math.Abs(c.Red - target.Red) <= tolerance && Math.Abs(c.Green - target.Green) <= tolerance && Math.Abs(c.Blue - target.Blue) <= tolerance;

    public static int Count(SKBitmap bitmap, Func<SKColor, bool> predicate)
    {
        var n = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>For each pixel column, the topmost and bottommost row matching <paramref name="predicate"/> (-1 when none).</summary>
    public static (int[] Top, int[] Bottom) Extents(SKBitmap bitmap, Func<SKColor, bool> predicate)
    {
        var top = new int[bitmap.Width];
        var bottom = new int[bitmap.Width];
        for (var x = 0; x < bitmap.Width; x++)
        {
            top[x] = bottom[x] = -1;
            for (var y = 0; y < bitmap.Height; y++)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    if (top[x] < 0)
                    {
                        top[x] = y;
                    }

                    bottom[x] = y;
                }
            }
        }

        return (top, bottom);
    }

    /// <summary>
    /// The left and right pixel columns of the plot area: the ends of the longest dark horizontal run, which is the
    /// area's frame (lines are drawn with no horizontal margin, so their first and last points lie on it).
    /// </summary>
    public static (int Left, int Right) Area(SKBitmap bitmap)
    {
        var best = (Left: 0, Right: -1);
        for (var y = 0; y < bitmap.Height; y++)
        {
            var start = -1;
            for (var x = 0; x <= bitmap.Width; x++)
            {
                var dark = x < bitmap.Width && bitmap.GetPixel(x, y) is var c && c.Red < 90 && c.Green < 90 && c.Blue < 90;
                if (dark && start < 0)
                {
                    start = x;
                }
                else if (!dark && start >= 0)
                {
                    if (x - 1 - start > best.Right - best.Left)
                    {
                        best = (start, x - 1);
                    }

                    start = -1;
                }
            }
        }

        Assert.True(best.Right - best.Left > bitmap.Width / 2, "no plot area frame found");
        return best;
    }

    /// <summary>The SVG document, parsed as XML (which fails on a malformed file).</summary>
    public static XDocument Svg(string path)
    {
        var svg = XDocument.Load(path);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        return svg;
    }

    public static string Text(XDocument svg) =>
        string.Join("\n", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()));

    /// <summary>Texts of <paramref name="size"/> px placed by a translation (tick labels), with where each is anchored.</summary>
    public static List<(string Text, double X, double Y)> PlacedTexts(XDocument svg, string size)
    {
        var texts = new List<(string, double, double)>();
        foreach (var text in svg.Descendants().Where(e => e.Name.LocalName == "text" && (string?)e.Attribute("font-size") == size))
        {
            var transform = (string?)text.Attribute("transform") ?? "";
            if (transform.StartsWith("translate(", StringComparison.Ordinal))
            {
                var xy = transform["translate(".Length..^1].Split(' ');
                texts.Add((text.Value.Trim(), double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)));
            }
        }

        return texts;
    }

    /// <summary>Each image drawn, as its decoded bitmap and the rectangle (left, top, width, height) it is scaled to.</summary>
    public static List<(SKBitmap Bitmap, double Left, double Top, double Width, double Height)> Images(XDocument svg)
    {
        XNamespace xlink = "http://www.w3.org/1999/xlink";
        var images = svg.Descendants().Where(e => e.Name.LocalName == "image").ToDictionary(e => "#" + (string)e.Attribute("id")!);
        var drawn = new List<(SKBitmap, double, double, double, double)>();
        foreach (var use in svg.Descendants().Where(e => e.Name.LocalName == "use"))
        {
            var image = images[(string)use.Attribute(xlink + "href")!];
            var data = ((string)image.Attribute(xlink + "href")!).Split(',')[1];
            var bitmap = SKBitmap.Decode(Convert.FromBase64String(data));
            var m = ((string)use.Attribute("transform")!)["matrix(".Length..^1].Split(' ')
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            drawn.Add((bitmap, m[4], m[5], m[0] * bitmap.Width, m[3] * bitmap.Height));
        }

        return drawn;
    }

    /// <summary>The paths stroked in <paramref name="colour"/>, each as its points (ScottPlot writes lines as M/L paths).</summary>
    public static List<List<(double X, double Y)>> Paths(XDocument svg, string colour) =>
        [.. svg.Descendants().Where(e => e.Name.LocalName == "path"
                && string.Equals((string?)e.Attribute("stroke"), colour, StringComparison.OrdinalIgnoreCase))
            .Select(e => Points((string?)e.Attribute("d") ?? ""))];

    private static List<(double X, double Y)> Points(string d)
    {
        var points = new List<(double, double)>();
        foreach (var part in d.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries))
        {
            var xy = part.Trim().Split(' ');
            if (xy.Length == 2)
            {
                points.Add((double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)));
            }
        }

        return points;
    }

    /// <summary>The points of every path stroked in <paramref name="colour"/> (ScottPlot writes lines as M/L paths).</summary>
    public static List<(double X, double Y)> PathPoints(XDocument svg, string colour) => [.. Paths(svg, colour).SelectMany(p => p)];
}
