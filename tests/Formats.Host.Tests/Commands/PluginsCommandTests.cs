namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats plugins</c> lists what each built-in format can do, read from the capability interfaces it implements,
/// in the words the list has always used.
/// </summary>
public sealed class PluginsCommandTests
{
    [Theory]
    [InlineData("npy", "[Read, Write, Append]")]
    [InlineData("npz", "[Read, Write, MultiArray, Edit]")]
    [InlineData("raw", "[Read, Write]")]
    [InlineData("csv", "[Read, Write]")]
    public async Task EachFormatListsItsCapabilities(string name, string abilities)
    {
        var (code, stdout, stderr) = await Cli.RunAsync("plugins");
        Assert.True(code == 0, stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Contains(abilities, line, StringComparison.Ordinal);
    }
}
