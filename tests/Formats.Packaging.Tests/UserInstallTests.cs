using System.Globalization;
using System.Text.Json;
using Formats.Testing;

namespace Formats.Packaging.Tests;

/// <summary>
/// README's install lines, as a user runs them against the packed feed: the library in a new console app, the
/// tool with <c>dotnet tool install</c>, and a plugin from the template loaded by the installed tool.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class UserInstallTests(PackagedFeed feed)
{
    [Fact]
    public void ConsoleAppWithEngineAndNpyPackagesReadsNumPysFileAndPrintsItsSum()
    {
        var app = Path.Combine(feed.UserFolder, "SumApp");
        var expected = double.Parse(
            NumPy.Run("a = np.arange(100000, dtype='<f8') * 0.25 - 7\nnp.save('sum-input.npy', a)\nprint(repr(float(a.sum())))", feed.UserFolder).Trim(),
            CultureInfo.InvariantCulture);

        feed.Dotnet("new", "console", "-o", app, "--debug:custom-hive", feed.TemplateHive).Check();
        feed.Dotnet("add", app, "package", "Formats.Engine", "--version", feed.Version).Check();
        feed.Dotnet("add", app, "package", "Formats.Plugins.Npy", "--version", feed.Version).Check();
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using Formats;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection().AddArrayFormats().BuildServiceProvider();
            var files = services.GetRequiredService<ArrayFiles>();
            using NDArray array = files.Read(args[0]);
            Console.WriteLine(array.ToArray<double>().Sum().ToString("R", CultureInfo.InvariantCulture));
            """);
        var run = feed.Dotnet("run", "--project", app, "--", Path.Combine(feed.UserFolder, "sum-input.npy")).Check();

        Assert.Equal(expected, double.Parse(run.Out.Trim(), CultureInfo.InvariantCulture));
        // The packages came from the feed, not from a project reference or a copy restored earlier.
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"\"Formats.Plugins.Npy/{feed.Version}\"", assets, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(feed.Environment["NUGET_PACKAGES"], "formats.engine", feed.Version)), "Formats.Engine restored into the private packages folder");
    }

    [Fact]
    public void InstalledToolPrintsItsVersionAndInspectsAndConvertsSampleFiles()
    {
        var formats = InstalledTool();
        var work = Directory.CreateDirectory(Path.Combine(feed.UserFolder, "tool-work")).FullName;
        var samples = Path.Combine(feed.RepoRoot, "samples", "data");

        Assert.Equal(feed.Version, Run(formats, "--version").Out.Trim());
        var info = Run(formats, "info", Path.Combine(samples, "records.npy"), "--json");
        using (var doc = JsonDocument.Parse(info.Out))
        {
            Assert.Equal("npy", doc.RootElement.GetProperty("format").GetString());
        }

        Run(formats, "convert", samples + "/", Path.Combine(work, "samples.npz"), "--compress");
        Run(formats, "convert", Path.Combine(samples, "ephys_volts.npy"), Path.Combine(work, "volts.dat"));
        var archive = Run(formats, "info", Path.Combine(work, "samples.npz"));
        foreach (var name in new[] { "ephys_times", "ephys_volts", "grid_fortran_be", "records" })
        {
            Assert.Contains(name, archive.Out, StringComparison.Ordinal);
        }

        // NumPy reads what the installed tool wrote as the arrays it started from.
        var check = NumPy.Run($$"""
            src = {{JsonSerializer.Serialize(samples)}}
            z = np.load('samples.npz')
            names = sorted(f[:-4] for f in os.listdir(src) if f.endswith('.npy'))
            assert sorted(z.files) == names, z.files
            for n in names:
                a = np.load(os.path.join(src, n + '.npy'))
                assert z[n].dtype == a.dtype and np.array_equal(z[n], a), n
            v = np.load(os.path.join(src, 'ephys_volts.npy'))
            assert np.array_equal(np.fromfile('volts.dat', dtype=v.dtype).reshape(v.shape), v)
            print('ok', len(names))
            """, work);
        Assert.Equal("ok 4", check.Trim());
    }

    [Fact]
    public void PluginFromTheTemplateBuildsPassesItsTestsAndIsLoadedByTheInstalledTool()
    {
        var formats = InstalledTool();
        var template = Path.Combine(feed.Feed, $"Formats.Templates.{feed.Version}.nupkg");
        feed.Dotnet("new", "install", template, "--debug:custom-hive", feed.TemplateHive).Check();
        var project = Path.Combine(feed.UserFolder, "Acme.Formats.Tally");
        feed.Dotnet("new", "formats-plugin", "-n", "Acme.Formats.Tally", "-o", project, "--format", "tally", "--extension", "tly", "--debug:custom-hive", feed.TemplateHive).Check();

        var tests = feed.Dotnet("test", project).Check();
        Assert.Contains("Passed!", tests.Out, StringComparison.Ordinal);
        var plugins = Path.Combine(feed.UserFolder, "tally-plugins");
        feed.Dotnet("publish", Path.Combine(project, "Acme.Formats.Tally"), "-o", Path.Combine(plugins, "Acme.Formats.Tally")).Check();
        Assert.False(File.Exists(Path.Combine(plugins, "Acme.Formats.Tally", "Formats.Abstractions.dll")), "the host brings the contract");

        var listed = Run(formats, "--plugins", plugins, "plugins", "--json");
        using (var doc = JsonDocument.Parse(listed.Out))
        {
            var tally = Assert.Single(doc.RootElement.GetProperty("formats").EnumerateArray(), f => f.GetProperty("name").GetString() == "tally");
            Assert.Equal(Path.Combine(plugins, "Acme.Formats.Tally", "Acme.Formats.Tally.dll"), tally.GetProperty("assembly").GetString());
            Assert.Empty(doc.RootElement.GetProperty("failed").EnumerateArray());
        }

        // And the tool routes to it: NPY in, the new format out (by its extension), then back (by its magic).
        var work = Directory.CreateDirectory(Path.Combine(feed.UserFolder, "tally-work")).FullName;
        var input = Path.Combine(feed.RepoRoot, "samples", "data", "ephys_times.npy");
        Run(formats, "--plugins", plugins, "convert", input, Path.Combine(work, "times.tly"));
        Run(formats, "--plugins", plugins, "convert", Path.Combine(work, "times.tly"), Path.Combine(work, "times.npy"));
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(Path.Combine(work, "times.npy")));
    }

    private string InstalledTool()
    {
        lock (feed)
        {
            var tools = Path.Combine(feed.UserFolder, "tools");
            var formats = Path.Combine(tools, "formats");
            if (!File.Exists(formats))
            {
                feed.Dotnet("tool", "install", "formats", "--version", feed.Version, "--tool-path", tools, "--configfile", feed.NuGetConfig).Check();
            }

            return formats;
        }
    }

    private ProcessResult Run(string program, params string[] args) => Processes.Run(feed.UserFolder, feed.Environment, program, args).Check();
}
