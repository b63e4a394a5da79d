using System.IO.Compression;
using System.Xml.Linq;
using Formats.Testing;

namespace Formats.Packaging.Tests;

/// <summary>
/// The <c>formats</c> tool as .NET 10's RID-specific tool packages: the pointer <c>formats</c> names
/// <c>formats.linux-x64</c> (the native program, its JIT build in <c>jit/</c>) and <c>formats.any</c> (the
/// framework-dependent program for every other platform). Installed on linux-x64, the native one runs.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ToolPackageTests(PackagedFeed feed)
{
    [Fact]
    public void PointerPackageNamesTheNativePackageAndTheFrameworkDependentFallback()
    {
        var settings = ToolSettings($"formats.{feed.Version}.nupkg", "tools/any/any/DotnetToolSettings.xml");
        var packages = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(p => (string)p.Attribute("RuntimeIdentifier")!, p => (string)p.Attribute("Id")!);
        Assert.Equal(new Dictionary<string, string> { ["linux-x64"] = "formats.linux-x64", ["any"] = "formats.any" }, packages);

        var native = ToolSettings($"formats.linux-x64.{feed.Version}.nupkg", "tools/any/linux-x64/DotnetToolSettings.xml");
        Assert.Equal("executable", (string?)native.Descendants("Command").Single().Attribute("Runner"));
        using (var zip = ZipFile.OpenRead(Path.Combine(feed.Feed, $"formats.linux-x64.{feed.Version}.nupkg")))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("tools/any/linux-x64/formats", names);
            Assert.Contains("tools/any/linux-x64/jit/formats.dll", names);
            Assert.DoesNotContain("tools/any/linux-x64/formats.dll", names);
            Assert.DoesNotContain(names, n => !n.Contains("/jit/", StringComparison.Ordinal) && (n.EndsWith(".so", StringComparison.Ordinal) || n.EndsWith(".dbg", StringComparison.Ordinal) || n.EndsWith(".pdb", StringComparison.Ordinal)));
        }

        var fallback = ToolSettings($"formats.any.{feed.Version}.nupkg", "tools/net10.0/any/DotnetToolSettings.xml");
        Assert.Equal("dotnet", (string?)fallback.Descendants("Command").Single().Attribute("Runner"));
    }

    [Fact]
    public void InstalledToolIsTheNativeProgramAndStillPlotsThroughItsJitBuild()
    {
        var tools = Path.Combine(feed.UserFolder, "native-tools");
        feed.Dotnet("tool", "install", "formats", "--version", feed.Version, "--tool-path", tools, "--configfile", feed.NuGetConfig).Check();
        var formats = Path.Combine(tools, "formats");
        Assert.Contains("formats.linux-x64", new FileInfo(formats).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? formats, StringComparison.Ordinal);

        using var work = new TempDir();
        NumPy.Run("np.save('small.npy', np.arange(6.0))", work.Path);
        var traced = new Dictionary<string, string>(feed.Environment) { ["FORMATS_TRACE_STARTUP"] = "1" };
        var info = Processes.Run(work.Path, traced, formats, "info", "small.npy").Check();
        Assert.Contains("dtype '<f8', shape (6,)", info.Out, StringComparison.Ordinal);
        // What the kernel says the process mapped: no managed assembly at all, formats.dll included.
        Assert.Contains("trace: runtime native (AOT); mapped assemblies: none", info.Err, StringComparison.Ordinal);

        var plot = Processes.Run(work.Path, traced, formats, "plot", "small.npy", "--out", "small.png").Check();
        Assert.Contains("handing over to the JIT build", plot.Err, StringComparison.Ordinal);
        Assert.Matches("trace: runtime JIT; mapped assemblies: .*formats\\.dll", plot.Err);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(work.File("small.png"))[..4]);
    }

    [Fact]
    public void OneShotRunWithoutInstallingRunsTheNativeProgram()
    {
        using var work = new TempDir();
        NumPy.Run("np.save('small.npy', np.arange(6, dtype='<i2'))", work.Path);
        // `dnx formats ...` is this command (the SDK's dnx script runs `dotnet dnx`, an alias of `dotnet tool exec`).
        var environment = new Dictionary<string, string>(feed.Environment) { ["FORMATS_TRACE_STARTUP"] = "1" };
        var run = Processes.Run(work.Path, environment, "dotnet", "tool", "exec", $"formats@{feed.Version}", "--yes", "--configfile", feed.NuGetConfig, "--", "info", work.File("small.npy")).Check();
        Assert.Contains("dtype '<i2', shape (6,)", run.Out, StringComparison.Ordinal);
        Assert.Contains("trace: runtime native (AOT)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameworkDependentFallbackRunsOnTheSharedRuntime()
    {
        // Other platforms get formats.any; on this machine it is unpacked and run as the dotnet tool runner runs it.
        using var unpacked = new TempDir();
        ZipFile.ExtractToDirectory(Path.Combine(feed.Feed, $"formats.any.{feed.Version}.nupkg"), unpacked.Path);
        var dll = Path.Combine(unpacked.Path, "tools", "net10.0", "any", "formats.dll");
        NumPy.Run("np.save('small.npy', np.arange(4.0))", unpacked.Path);

        Assert.Equal(feed.Version, Processes.Run(unpacked.Path, feed.Environment, "dotnet", dll, "--version").Check().Out.Trim());
        var environment = new Dictionary<string, string>(feed.Environment) { ["FORMATS_TRACE_STARTUP"] = "1" };
        var info = Processes.Run(unpacked.Path, environment, "dotnet", dll, "info", "small.npy").Check();
        Assert.Contains("dtype '<f8', shape (4,)", info.Out, StringComparison.Ordinal);
        Assert.Contains("trace: runtime JIT", info.Err, StringComparison.Ordinal);
        Processes.Run(unpacked.Path, feed.Environment, "dotnet", dll, "plot", "small.npy", "--out", "small.svg").Check();
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(unpacked.Path, "small.svg")), StringComparison.Ordinal);
    }

    private XDocument ToolSettings(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed.Feed, package));
        using var stream = (zip.GetEntry(entry) ?? throw new InvalidOperationException($"{package} has no {entry}")).Open();
        return XDocument.Load(stream);
    }
}
