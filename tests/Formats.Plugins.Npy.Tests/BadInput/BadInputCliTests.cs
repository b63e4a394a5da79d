using Formats.Host;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.BadInput;

/// <summary>The formats CLI on every bad input: one "error: " line naming the file, a failing exit code, no output file.</summary>
public sealed class BadInputCliTests
{
    static BadInputCliTests()
    {
        // Each run builds a host; without this, every host watches its config files (one inotify instance each).
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    [Theory]
    [MemberData(nameof(BadInputCases.CliNames), MemberType = typeof(BadInputCases))]
    public async Task ConvertPrintsOneErrorLineAndWritesNothing(string name)
    {
        var c = BadInputCases.Get(name);
        using var dir = new TempDir();
        var path = dir.File(c.FileName);
        File.WriteAllBytes(path, c.Bytes);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["convert", path, dir.File("out.npy"), .. c.CliArgs!], output, error);

        Assert.NotEqual(0, exit);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains(c.Fragment, line, StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Theory]
    [MemberData(nameof(BadInputCases.CliNames), MemberType = typeof(BadInputCases))]
    public async Task InfoPrintsOneErrorLine(string name)
    {
        var c = BadInputCases.Get(name);
        using var dir = new TempDir();
        var path = dir.File(c.FileName);
        File.WriteAllBytes(path, c.Bytes);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["info", path, .. c.CliArgs!], output, error);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains(c.Fragment, line, StringComparison.Ordinal);
    }
}
