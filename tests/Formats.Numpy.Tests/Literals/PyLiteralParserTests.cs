using System.Globalization;
using Formats.Literals;

namespace Formats.Numpy.Tests.Literals;

/// <summary>The header literal parser: the subset of Python literals NPY headers use, parsed as ast.literal_eval does.</summary>
public sealed class PyLiteralParserTests
{
    [Theory]
    [InlineData("(1)", "1")]
    [InlineData("(1,)", "(1,)")]
    [InlineData("()", "()")]
    [InlineData("( )", "()")]
    [InlineData("(1, 2,)", "(1, 2)")]
    [InlineData("((1,),)", "((1,),)")]
    [InlineData("[]", "[]")]
    [InlineData("[1, [2, (3,)],]", "[1, [2, (3,)]]")]
    [InlineData("{}", "{}")]
    [InlineData("{'a': 1,}", "{'a': 1}")]
    [InlineData("  {'a' :\t1 ,\n 'b': (2, 3) }  ", "{'a': 1, 'b': (2, 3)}")]
    [InlineData("{1: 'x', (2,): 'y'}", "{1: 'x', (2,): 'y'}")]
    [InlineData("True", "True")]
    [InlineData("False", "False")]
    [InlineData("None", "None")]
    [InlineData("-5", "-5")]
    [InlineData("+5", "5")]
    [InlineData("- 5", "-5")]
    [InlineData("000", "0")]
    [InlineData("1_000_000", "1000000")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("\"it's\"", "\"it's\"")]
    [InlineData("'both \\'\"'", "'both \\'\"'")]
    [InlineData("'\\x41\\u00e9\\U0001F600'", "'Aé😀'")]
    [InlineData("'\\101\\0'", "'A\\x00'")]
    [InlineData("'\\n\\t\\r\\\\\\a\\b\\f\\v'", "'\\n\\t\\r\\\\\\x07\\x08\\x0c\\x0b'")]
    [InlineData("'\\q\\d'", "'\\\\q\\\\d'")]
    [InlineData("'a\\\nb'", "'ab'")]
    [InlineData("'''tri'ple'''", "\"tri'ple\"")]
    [InlineData("\"\"\"two\nlines\"\"\"", "'two\\nlines'")]
    [InlineData("u'x'", "'x'")]
    [InlineData("'é'", "'é'")]
    public void ParsesAsPython(string text, string repr)
    {
        Assert.Equal(repr, Show(PyLiteralParser.Parse(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("b'x'")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("3j")]
    [InlineData("0x10")]
    [InlineData("0o7")]
    [InlineData("007")]
    [InlineData("--5")]
    [InlineData("-")]
    [InlineData("99999999999999999999")]
    [InlineData("{'a': 1")]
    [InlineData("{'a' 1}")]
    [InlineData("{'a': 1 'b': 2}")]
    [InlineData("[1, 2")]
    [InlineData("(1, 2")]
    [InlineData("(1 2)")]
    [InlineData("'abc")]
    [InlineData("'abc\n'")]
    [InlineData("'\\x4'")]
    [InlineData("'\\U00110000'")]
    [InlineData("'\\N{DASH}'")]
    [InlineData("{[1]: 2}")]
    [InlineData("{{}: 2}")]
    [InlineData("{None: 1}")]
    [InlineData("__import__('os')")]
    [InlineData("foo()")]
    [InlineData("true")]
    [InlineData("1 2")]
    [InlineData("{'a': 1} {'b': 2}")]
    [InlineData("{'a': 1};")]
    [InlineData("3l")]
    [InlineData("3L")]
    [InlineData("[3L]")]
    public void RefusesWhatIsNotALiteralOfTheSubset(string text)
    {
        var e = Assert.Throws<MalformedArrayException>(() => PyLiteralParser.Parse(text));
        Assert.StartsWith("header literal is malformed at character ", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3L", "3")]
    [InlineData("(3L, 4L)", "(3, 4)")]
    [InlineData("(3 L,)", "(3,)")]
    [InlineData("-7L", "-7")]
    public void AcceptsPython2LongsWhenAsked(string text, string repr)
    {
        Assert.Equal(repr, Show(PyLiteralParser.Parse(text, allowLongSuffix: true)));
    }

    [Theory]
    [InlineData("3l")]
    [InlineData("3Lx")]
    [InlineData("3LL")]
    public void RefusesWhatNumPysLongFilterKeeps(string text)
    {
        Assert.Throws<MalformedArrayException>(() => PyLiteralParser.Parse(text, allowLongSuffix: true));
    }

    [Fact]
    public void NestingIsLimitedTo64Levels()
    {
        Assert.Equal(64, Depth(PyLiteralParser.Parse(new string('[', 64) + new string(']', 64))));

        var e = Assert.Throws<MalformedArrayException>(() => PyLiteralParser.Parse(new string('(', 65) + new string(')', 65)));
        Assert.Contains("nests deeper than 64 levels", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeNestingBombFailsFastWithoutOverflowingTheStack()
    {
        var e = Assert.Throws<MalformedArrayException>(() => PyLiteralParser.Parse(new string('[', 1_000_000)));
        Assert.Contains("nests deeper", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeysAreKeptInOrderForTheCallerToRefuse()
    {
        var dict = Assert.IsType<PyDict>(PyLiteralParser.Parse("{'a': 1, 'a': 2}"));
        Assert.Equal([("a", 1L), ("a", 2L)], dict.Entries.Select(e => ((string)e.Key, (long)e.Value!)));
    }

    [Fact]
    public void ErrorsSayWhere()
    {
        var e = Assert.Throws<MalformedArrayException>(() => PyLiteralParser.Parse("{'descr': os.system}"));
        Assert.Equal("header literal is malformed at character 10: 'os' is not a literal (names and calls are never evaluated)", e.Problem);
    }

    private static int Depth(object? value) => value is PyList l ? 1 + (l.Items.Count == 0 ? 0 : Depth(l.Items[0])) : 0;

    // Python's repr of a parsed value, for compact expectations.
    private static string Show(object? value) => value switch
    {
        null => "None",
        bool b => PyRepr.Bool(b),
        long n => n.ToString(CultureInfo.InvariantCulture),
        string s => PyRepr.String(s),
        PyTuple t when t.Items.Count == 1 => $"({Show(t.Items[0])},)",
        PyTuple t => $"({string.Join(", ", t.Items.Select(Show))})",
        PyList l => $"[{string.Join(", ", l.Items.Select(Show))}]",
        PyDict d => $"{{{string.Join(", ", d.Entries.Select(e => $"{Show(e.Key)}: {Show(e.Value)}"))}}}",
        _ => throw new ArgumentException(value.GetType().Name),
    };
}
