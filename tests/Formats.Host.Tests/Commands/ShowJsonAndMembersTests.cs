using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary><c>show --json</c> against Python's <c>json.dumps(a.tolist())</c>, and <c>show</c> of an archive without <c>--name</c>.</summary>
public sealed class ShowJsonAndMembersTests
{
    // Python's compact json.dumps of tolist(), with NaN and infinities as the strings show --json writes for them.
    private const string Dumps = """
        def fix(v):
            if isinstance(v, list):
                return [fix(x) for x in v]
            if isinstance(v, float) and v != v:
                return 'NaN'
            if isinstance(v, float) and v in (float('inf'), float('-inf')):
                return 'Infinity' if v > 0 else '-Infinity'
            return v
        def dumps(a):
            return json.dumps(fix(a.tolist()), separators=(',', ':'))
        """;

    public static TheoryData<string> Arrays =>
    [
        "np.arange(12, dtype='<i4').reshape(3, 4)",
        "np.array([0.1, -0.0, 1e16, 1e15, 1e-5, 1e-4, 123456.789, np.nan, np.inf, -np.inf, 5e-324, 1.7976931348623157e308])",
        "np.array([0.1, 1/3, 65504, np.nan], dtype='<f4')",
        "np.array([0.1, 1/3, -2.5, np.inf], dtype='<f2')",
        "np.array([[1.5, 2], [3, 4]], dtype='>f8')",
        "np.asfortranarray(np.arange(24, dtype='>i2').reshape(2, 3, 4))",
        "np.array([0, 255, 2**64 - 1, 2**63], dtype='<u8')",
        "np.array([-128, 127], dtype='i1')",
        "np.array([True, False, True])",
        "np.array(3.25)",
        "np.zeros((2, 0))",
    ];

    [Theory]
    [MemberData(nameof(Arrays))]
    public async Task JsonIsPythonsDumpsOfToList(string array)
    {
        using var dir = new TempDir();
        var expected = NumPy.Run($"{Dumps}\na = {array}\nnp.save('a.npy', a)\nprint(dumps(a))", dir.Path).Trim();

        var (code, stdout, stderr) = await Cli.RunAsync("show", dir.File("a.npy"), "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal(expected, stdout.Trim());
    }

    [Fact]
    public async Task JsonOfRowsIsThoseRows()
    {
        using var dir = new TempDir();
        var expected = NumPy.Run($"{Dumps}\na = np.arange(20.0).reshape(10, 2)\nnp.save('a.npy', a)\nprint(dumps(a[2:5]))", dir.Path).Trim();

        var (code, stdout, stderr) = await Cli.RunAsync("show", dir.File("a.npy"), "--json", "--rows", "2:5");

        Assert.True(code == 0, stderr);
        Assert.Equal(expected, stdout.Trim());
    }

    [Fact]
    public async Task AnArchiveWithoutNamePrintsEveryMemberUnderItsName()
    {
        using var dir = new TempDir();
        var expected = NumPy.Run($$"""
            {{Dumps}}
            a = np.arange(5)
            b = np.array([[1.5, np.nan], [3, 4]], dtype='<f4')
            np.savez('ab.npz', a=a, b=b)
            print(repr(a), repr(b), '{"a":' + dumps(a) + ',"b":' + dumps(b) + '}', sep='\n---\n')
            """, dir.Path).Trim().Split("\n---\n");

        var (code, stdout, stderr) = await Cli.RunAsync("show", dir.File("ab.npz"));

        Assert.True(code == 0, stderr);
        Assert.Equal($"a:\n{expected[0]}\n\nb:\n{expected[1]}", stdout.TrimEnd());

        (code, stdout, stderr) = await Cli.RunAsync("show", dir.File("ab.npz"), "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal(expected[2], stdout.Trim());

        (code, stdout, _) = await Cli.RunAsync("show", dir.File("ab.npz"), "--name", "a");

        Assert.Equal(0, code);
        Assert.Equal(expected[0], stdout.Trim());
    }

    [Fact]
    public async Task JsonOfAnUnsupportedDtypeIsOneErrorLine()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('c.npy', np.array([1+2j]))", dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync("show", dir.File("c.npy"), "--json");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {dir.File("c.npy")}: JSON values are written for bool, integer and float arrays; this one is <c16", stderr.TrimEnd());
    }

    [Fact]
    public async Task JsonWithColumnsIsAUsageError()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.zeros((2, 2)))", dir.Path);

        var (code, stdout, stderr) = await Cli.RunAsync("show", dir.File("a.npy"), "--json", "--columns", "0");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: --columns does not apply with --json", stderr.TrimEnd());
    }
}
