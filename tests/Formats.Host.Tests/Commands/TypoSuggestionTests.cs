namespace Formats.Host.Tests.Commands;

/// <summary>A mistyped command or option is one usage error line naming the nearest valid one, exit 2.</summary>
public sealed class TypoSuggestionTests
{
    [Theory]
    [InlineData("convert a.npy b.npz --compres", "error: Unrecognized command or argument '--compres'. Did you mean --compress?")]
    [InlineData("convert a.npy b.npz --levle 3", "error: Unrecognized command or argument '--levle'. Did you mean --level?")]
    [InlineData("plugins --jsno", "error: Unrecognized command or argument '--jsno'. Did you mean --json?")]
    [InlineData("plugins --plugin x", "error: Unrecognized command or argument '--plugin'. Did you mean --plugins?")]
    [InlineData("conver a.npy b.npy", "error: Unrecognized command or argument 'conver'. Did you mean convert?")]
    [InlineData("verfy a.npy", "error: Unrecognized command or argument 'verfy'. Did you mean verify?")]
    [InlineData("convert a.npy b.npz --bogus", "error: Unrecognized command or argument '--bogus'.")]
    [InlineData("frobnicate a.npy", "error: Unrecognized command or argument 'frobnicate'.")]
    [InlineData("info a.npy --jsno", "error: Unrecognized command or argument '--jsno'. Did you mean --json?")]
    [InlineData("verify a.npy b.npy --jsn", "error: Unrecognized command or argument '--jsn'. Did you mean --json?")]
    [InlineData("advise a.npy --jsno", "error: Unrecognized command or argument '--jsno'. Did you mean --json?")]
    [InlineData("stats a.npy --colums 0", "error: Unrecognized command or argument '--colums'. Did you mean --columns?")]
    public async Task IsOneLineWithTheNearestName(string args, string expected)
    {
        var (code, stdout, stderr) = await Cli.RunAsync(args.Split(' '));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd());
    }

    [Fact]
    public async Task SeveralParseErrorsAreStillOneLine()
    {
        var (code, _, stderr) = await Cli.RunAsync("convert", "only-one-argument", "--compres");

        Assert.Equal(2, code);
        Assert.Equal("error: Unrecognized command or argument '--compres'. Did you mean --compress?", stderr.TrimEnd());
    }
}
