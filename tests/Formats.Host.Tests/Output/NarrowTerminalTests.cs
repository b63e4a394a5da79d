using Formats.Host.Output;

namespace Formats.Host.Tests.Output;

/// <summary>
/// On an 80-column terminal the advise and stats tables, which need more, become lines wrapped between words: no line
/// passes 80 columns and no word (path, name, number) is cut; a wide terminal still gets the table.
/// </summary>
public sealed class NarrowTerminalTests
{
    private const string LongPath = "/data/experiments/2026-12-07/recordings/session_three.npz";

    [Fact]
    public void AdviceFitsEightyColumnsWithoutCuttingAWord()
    {
        var advice = new DTypeAdvice("temperature_celsius", ArrayHeader.Create(DType.Int32, 1_000_000), DType.UInt8);
        var row = new AdviceRow(LongPath, advice,
        [
            new AdviceOption(DType.Int32, false, 4_000_264, $"formats convert {LongPath} x.small.npz --name temperature_celsius"),
            new AdviceOption(DType.Int32, true, 1_530_618, $"formats convert {LongPath} x.small.npz --name temperature_celsius --compress"),
            new AdviceOption(DType.UInt8, false, 1_000_264, $"formats convert {LongPath} x.small.npz --name temperature_celsius --cast u1"),
            new AdviceOption(DType.UInt8, true, 1_000_437, $"formats convert {LongPath} x.small.npz --name temperature_celsius --cast u1 --compress"),
        ]);

        var narrow = Render(w => AdviceOutput.Table([row], w, width: 80));
        var wide = Render(w => AdviceOutput.Table([row], w, width: 240));

        AssertFits(narrow, 80, [LongPath, "temperature_celsius", "4,000,264", "1,530,618", "1,000,264", "1,000,437", "|u1"]);
        Assert.Contains("1,000,264 *", narrow, StringComparison.Ordinal);
        Assert.Contains("┌", wide, StringComparison.Ordinal);
        Assert.DoesNotContain("┌", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void StatisticsFitEightyColumnsWithoutCuttingAWord()
    {
        var stats = new ArrayStats("temperature_celsius", ArrayHeader.Create(DType.Float64, 10, 2), [0, 1],
            [new ArrayStatistics(10, 0, -3.5488049709979372, 3.1000422989145844, 0.0175737336990500, 0.9994008480836496),
             new ArrayStatistics(9, 1, -2.8581753769067246, 3.1860862017980405, 0.0292210172226061, 0.9702301839659525)]);

        var narrow = Render(w => StatsOutput.Table([new StatsRow(LongPath, stats)], w, width: 80));

        AssertFits(narrow, 80, [$"{LongPath}:temperature_celsius", "-3.5488049709979372", "3.1860862017980405", "0.017573734", "0.97023018"]);
        Assert.Contains("┌", Render(w => StatsOutput.Table([new StatsRow(LongPath, stats)], w, width: 240)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a b c", 3, new[] { "a b", "    c" })]
    [InlineData("word", 2, new[] { "word" })]
    [InlineData("x  y", 80, new[] { "x  y" })]
    [InlineData("x  y z", 4, new[] { "x y", "    z" })]
    public void WrapCutsBetweenWordsAndIndentsContinuations(string line, int width, string[] expected) =>
        Assert.Equal(expected, TerminalTable.Wrap(line, width));

    private static string Render(Action<TextWriter> write)
    {
        using var output = new StringWriter();
        write(output);
        return output.ToString();
    }

    private static void AssertFits(string text, int width, string[] words)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width || !l.Trim().Contains(' ', StringComparison.Ordinal), $"longer than {width}: '{l}'"));
        var tokens = lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(t => t.TrimEnd(',', ';', ':')).ToHashSet();
        Assert.All(words, w => Assert.True(tokens.Contains(w) || text.Contains(w + ":", StringComparison.Ordinal) || text.Contains(w + " ", StringComparison.Ordinal), $"'{w}' cut or missing:\n{text}"));
    }
}
