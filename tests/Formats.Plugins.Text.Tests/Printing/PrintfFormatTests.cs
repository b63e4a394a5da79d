using System.Globalization;
using System.Text;
using System.Text.Json;
using Formats.Plugins.Text.Printing;
using Formats.Testing;

namespace Formats.Plugins.Text.Tests.Printing;

/// <summary>Python's <c>fmt % value</c> is the reference for every format and value, property-style.</summary>
public sealed class PrintfFormatTests
{
    private static readonly string[] Formats =
    [
        "%.18e", "%e", "%E", "%.0e", "%#.0e", "%.3e", "%12.4e", "%-12.4e|", "%+e", "% e",
        "%f", "%.0f", "%#.0f", "%.2f", "%10.3f", "%-10.3f|", "%010.3f", "%+.1f", "%.20f",
        "%g", "%G", "%.0g", "%.1g", "%.3g", "%.6g", "%.17g", "%#g", "%#.3g", "%12g", "%-+12.5g|", "%012.4g",
        "%d", "%i", "%u", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "a%dz",
    ];

    [Fact]
    public void FloatsPrintAsPythonPrintsThem()
    {
        var rng = new Random(7);
        var values = new List<double> { 0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 1e23, 5e-324, double.MaxValue, double.Epsilon, 1e-5, 1e-4, 99999.5, 999999.5, 0.000123456, 123456789.0 };
        for (var i = 0; i < 200; i++)
        {
            values.Add(BitConverter.Int64BitsToDouble(rng.NextInt64()) is var d && double.IsFinite(d) ? d : rng.NextDouble());
            values.Add(Math.Round(rng.NextDouble() * 2000 - 1000, rng.Next(0, 6)));
            values.Add(rng.NextDouble() * Math.Pow(10, rng.Next(-30, 30)));
        }

        var floatFormats = Formats.Where(f => !f.Contains('d', StringComparison.Ordinal) && !f.Contains('i', StringComparison.Ordinal) && !f.Contains('u', StringComparison.Ordinal)).ToArray();
        var expected = Python(floatFormats, values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)), "float(v)");
        var k = 0;
        foreach (var v in values)
        {
            foreach (var f in floatFormats)
            {
                var ours = new StringBuilder();
                PrintfFormat.Parse(f).Append(ours, v);
                Assert.True(expected[k] == ours.ToString(), $"{f} % {v:R}: Python '{expected[k]}', ours '{ours}'");
                k++;
            }
        }
    }

    [Fact]
    public void NonFiniteFloatsPrintAsPythonPrintsThem()
    {
        var values = new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity };
        var floatFormats = new[] { "%.18e", "%E", "%10.3f", "%-10.3f|", "%010.3f", "%+g", "%G", "% e" };
        var expected = Python(floatFormats, ["nan", "inf", "-inf"], "float(v)");
        var k = 0;
        foreach (var v in values)
        {
            foreach (var f in floatFormats)
            {
                var ours = new StringBuilder();
                PrintfFormat.Parse(f).Append(ours, v);
                Assert.Equal(expected[k++], ours.ToString());
            }
        }
    }

    [Fact]
    public void IntegersPrintAsPythonPrintsThem()
    {
        var values = new System.Numerics.BigInteger[] { 0, 1, -1, 42, -42, long.MaxValue, long.MinValue, ulong.MaxValue, 9007199254740993 };
        var expected = Python(Formats, values.Select(v => v.ToString(CultureInfo.InvariantCulture)), "int(v)");
        var k = 0;
        foreach (var v in values)
        {
            foreach (var f in Formats)
            {
                var ours = new StringBuilder();
                PrintfFormat.Parse(f).Append(ours, v);
                Assert.True(expected[k] == ours.ToString(), $"{f} % {v}: Python '{expected[k]}', ours '{ours}'");
                k++;
            }
        }
    }

    [Theory]
    [InlineData("%s")]
    [InlineData("%x")]
    [InlineData("%.2f,%.2f")]
    [InlineData("no conversion")]
    [InlineData("%")]
    [InlineData("%5000f")]
    [InlineData("%d%%")]
    public void FormatsItCannotHonourAreRefusedByName(string fmt)
    {
        var e = Assert.ThrowsAny<ArrayFormatException>(() => PrintfFormat.Parse(fmt));
        Assert.Contains(fmt, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegerFormatOfNaNIsRefused() =>
        Assert.ThrowsAny<ArrayFormatException>(() => PrintfFormat.Parse("%d").Append(new StringBuilder(), double.NaN));

    private static List<string> Python(IEnumerable<string> formats, IEnumerable<string> values, string convert)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.json"), JsonSerializer.Serialize(new { formats, values }));
        var output = NumPy.Run($"d = json.load(open('in.json'))\nprint(json.dumps([f % {convert} for v in d['values'] for f in d['formats']]))", dir.Path);
        return JsonSerializer.Deserialize<List<string>>(output)!;
    }
}
