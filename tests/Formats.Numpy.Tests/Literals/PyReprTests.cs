using System.Text.Json;
using Formats.Literals;
using Formats.Testing;

namespace Formats.Numpy.Tests.Literals;

/// <summary>PyRepr writes exactly what Python's repr writes: NPY headers must be byte-identical to np.save's.</summary>
public sealed class PyReprTests
{
    private static readonly string[] Tricky =
    [
        "", "a", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "\\'", "\t\n\r", "\0\u0001\u001f\u007f",
        "\u0080\u009f", "\u00a0", "\u00ad", "é", "naïve ÿ", "日本語", "\u200b", "\u2028\u2029", "\u3000", "\ue000", "\u0378",
        "😀", "a😀b", "\U0001F9FF", "\U000E0001", "\U0010FFFF", "\U000F0000", "e\u0301", "\ufeff", "\u00b5", "\u0100",
        "\u061c", "\ud7ff", "\ufffd", "\uffff", "Ω≈ç√", "'\"'\"", "\u001b[0m",
    ];

    [Fact]
    public void StringsAreWrittenAsPythonsRepr()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("strings.json"), JsonSerializer.Serialize(Tricky));
        var output = NumPy.Run("print(json.dumps([repr(s) for s in json.load(open('strings.json'))]))", dir.Path);
        var python = JsonSerializer.Deserialize<string[]>(output)!;

        Assert.Equal(python, Tricky.Select(PyRepr.String));
    }

    [Theory]
    [InlineData("a", "'a'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("both '\"", "'both \\'\"'")]
    [InlineData("\\", "'\\\\'")]
    [InlineData("\u00e9\u00a0", "'\u00e9\\xa0'")]
    [InlineData("\U0001F600\U0010FFFF", "'\U0001F600\\U0010ffff'")]
    public void KnownReprs(string value, string repr) => Assert.Equal(repr, PyRepr.String(value));

    [Theory]
    [InlineData(new long[0], "()")]
    [InlineData(new long[] { 5 }, "(5,)")]
    [InlineData(new long[] { 3, 4 }, "(3, 4)")]
    [InlineData(new long[] { 0, long.MaxValue, 1 }, "(0, 9223372036854775807, 1)")]
    public void TuplesAreWrittenAsPythonsRepr(long[] items, string repr) => Assert.Equal(repr, PyRepr.Tuple(items));

    [Fact]
    public void ReprParsesBackToTheSameString()
    {
        foreach (var s in Tricky)
        {
            Assert.Equal(s, PyLiteralParser.Parse(PyRepr.String(s)));
        }
    }
}
