using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Host.Tests.Process;

/// <summary>
/// The real program, as users run it: the built-in plugins are referenced and registered by type (no folder is
/// probed for them), third-party plugins come from plugin folders, from `dotnet run` and from `dotnet publish` output.
/// </summary>
[Collection("publishes the host")]
public sealed class HostProcessTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string RepoRoot = FindRepoRoot();

    private static readonly string StagedPlugin = Path.Combine(AppContext.BaseDirectory, "staged-plugin", "Formats.TestPlugin");

    private static string HostDll => Path.Combine(RepoRoot, "host", "bin", Configuration, "net10.0", "formats.dll");

    [Fact]
    public void BuiltHostHasItsBuiltInFormatsWithoutAPluginsFolder()
    {
        var folder = Path.GetDirectoryName(HostDll)!;
        Assert.False(Directory.Exists(Path.Combine(folder, "plugins")), "built-in plugins are not probed from a folder");
        var (code, stdout, stderr) = Run("dotnet", HostDll, "plugins", "--json");
        Assert.True(code == 0, stderr);
        AssertBuiltInPluginsIn(stdout, folder);
    }

    [Fact]
    public void AThirdPartyPluginIsFoundListedAndUsed()
    {
        using var dir = new TempDir();
        var plugins = Path.Combine(dir.Path, "plugins");
        CopyFolder(StagedPlugin, Path.Combine(plugins, "Formats.TestPlugin"));
        NumPy.Run("np.save('x.npy', np.array([1.5, -2.0, 3.25]))", dir.Path);

        var (code, stdout, stderr) = Run("dotnet", HostDll, "plugins", "--json", "--plugins", plugins);
        Assert.True(code == 0, stderr);
        using (var doc = JsonDocument.Parse(stdout))
        {
            var tally = Assert.Single(doc.RootElement.GetProperty("formats").EnumerateArray(), f => f.GetProperty("name").GetString() == "tally");
            Assert.Equal(Path.Combine(plugins, "Formats.TestPlugin", "Formats.TestPlugin.dll"), tally.GetProperty("assembly").GetString());
        }

        // Written by extension and read back by its magic bytes, through the plugin.
        (code, _, stderr) = Run("dotnet", HostDll, "convert", dir.File("x.npy"), dir.File("x.tly"), "--plugins", plugins);
        Assert.True(code == 0, stderr);
        (code, _, stderr) = Run("dotnet", HostDll, "convert", dir.File("x.tly"), dir.File("back.npy"), "--plugins", plugins);
        Assert.True(code == 0, stderr);
        Assert.Equal("[1.5, -2.0, 3.25]", NumPy.Run("print(np.load('back.npy').tolist())", dir.Path).Trim());
    }

    [Fact]
    public void PublishedHostLoadsPluginsBesideIt()
    {
        using var dir = new TempDir();
        var publish = Path.Combine(dir.Path, "out");
        var (code, _, stderr) = Run("dotnet", "publish", Path.Combine(RepoRoot, "host", "Formats.Host.csproj"), "-c", "Release", "-o", publish, "--nologo", "-v", "q");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(publish, "formats")), "DIR/formats is the apphost");
        (code, var stdout, stderr) = Run(Path.Combine(publish, "formats"), "plugins", "--json");
        Assert.True(code == 0, stderr);
        AssertBuiltInPluginsIn(stdout, publish);

        // And the published program does the main job.
        NumPy.Run("np.save('x.npy', np.linspace(0, 1, 5))", dir.Path);
        (code, stdout, stderr) = Run(Path.Combine(publish, "formats"), "convert", Path.Combine(dir.Path, "x.npy"), Path.Combine(dir.Path, "x.dat"));
        Assert.True(code == 0, stderr);
        Assert.Equal(40, new FileInfo(Path.Combine(dir.Path, "x.dat")).Length);
    }

    [Fact]
    public void ProcessErrorIsOneLineWithoutStackTrace()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("junk.npy"), "{'descr': '<f8'}");
        var (code, stdout, stderr) = Run("dotnet", HostDll, "convert", dir.File("junk.npy"), dir.File("out.npy"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: {dir.File("junk.npy")}: not an NPY file", line, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("out.npy")));
    }

    [Fact]
    public void PluginFoldersComeFromConfigurationToo()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("Broken"));
        File.WriteAllText(Path.Combine(dir.File("Broken"), "Broken.dll"), "not an assembly");
        var (code, stdout, stderr) = Run(new Dictionary<string, string> { ["FORMATS_Formats__PluginDirectories__0"] = dir.Path }, "dotnet", HostDll, "plugins", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var failed = Assert.Single(doc.RootElement.GetProperty("failed").EnumerateArray());
        Assert.Equal("Broken", failed.GetProperty("name").GetString());
        Assert.Contains("not a valid .NET assembly", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("plugin Broken skipped", stderr, StringComparison.Ordinal);
        Assert.Contains("npy", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidConfigurationIsOneErrorLineNamingTheSetting()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a.npy"), NpyHeaderCodec.Encode(ArrayHeader.Create(DType.Int8, 2)).Concat(new byte[2]).ToArray());
        var (code, stdout, stderr) = Run(new Dictionary<string, string> { ["FORMATS_Formats__CopyBufferSize"] = "12" }, "dotnet", HostDll, "info", dir.File("a.npy"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: invalid configuration: Formats:CopyBufferSize must be at least 4096 (it is 12)", stderr.Trim());
    }

    [Fact]
    public void PackingMoreFilesThanTheProcessMayOpenAtOnceWorks()
    {
        // Inputs are opened one at a time for their data: 1,000 files pack under a limit of 400 open descriptors (the runtime itself holds about 220).
        using var dir = new TempDir();
        var folder = Directory.CreateDirectory(dir.File("many")).FullName;
        var npy = NpyHeaderCodec.Encode(ArrayHeader.Create(DType.Int8, 2)).Concat(new byte[] { 1, 2 }).ToArray();
        for (var i = 0; i < 1000; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"a{i:D4}.npy"), npy);
        }

        var (code, _, stderr) = Run("bash", "-c", $"ulimit -n 400 && exec dotnet '{HostDll}' convert '{folder}/' '{dir.File("all.npz")}'");

        Assert.True(code == 0, stderr);
        using var zip = ZipFile.OpenRead(dir.File("all.npz"));
        Assert.Equal(1000, zip.Entries.Count);
    }

    private static void AssertBuiltInPluginsIn(string json, string folder)
    {
        using var doc = JsonDocument.Parse(json);
        var formats = doc.RootElement.GetProperty("formats").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        // The whole answer in the message: a missing format is listed under "failed" with the loader's reason.
        Assert.True(formats.ContainsKey("npy") && formats.ContainsKey("raw"), $"npy or raw missing from {folder}: {json}");
        Assert.Equal(
            Path.Combine(folder, "Formats.Plugins.Npy.dll"),
            formats["npy"].GetProperty("assembly").GetString());
        Assert.Equal("934E554D5059", formats["npy"].GetProperty("magic")[0].GetString());
        Assert.Equal(
            Path.Combine(folder, "Formats.Plugins.Memmap.dll"),
            doc.RootElement.GetProperty("mapper").GetProperty("assembly").GetString());
        Assert.Equal("[\".dat\",\".bin\",\".raw\"]", formats["raw"].GetProperty("extensions").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Empty(doc.RootElement.GetProperty("failed").EnumerateArray());
    }

    private static (int Code, string Out, string Err) Run(string file, params string[] args) => Run([], file, args);

    private static (int Code, string Out, string Err) Run(Dictionary<string, string> environment, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Formats.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Formats.sln not found above the test folder");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
