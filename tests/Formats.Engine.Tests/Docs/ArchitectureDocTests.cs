using System.Text.RegularExpressions;

namespace Formats.Engine.Tests.Docs;

/// <summary>docs/architecture.md names every shipping project (each project under src/ and plugins/) as shipping.</summary>
public sealed partial class ArchitectureDocTests
{
    // Packages first released after 1.0: nothing of theirs is shipped yet, all their API is in PublicAPI.Unshipped.txt.
    private static readonly string[] NewSinceOnePointZero = ["Formats.Storage.S3", "Formats.Plugins.Zarr", "Formats.Hosting.Status"];

    [Fact]
    public void EveryShippingProjectsOnePointZeroApiIsShippedAndNoneOfItIsRemoved()
    {
        // 1.0 is frozen: its API is in PublicAPI.Shipped.txt, and a 1.x may only add (a *REMOVED* line would take it away).
        var root = RepositoryRoot();
        var projects = new[] { "src", "plugins" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.csproj", SearchOption.AllDirectories))
            .Select(Path.GetDirectoryName).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, dir =>
        {
            var shipped = File.ReadAllLines(Path.Combine(dir!, "PublicAPI.Shipped.txt"));
            var unshipped = File.ReadAllLines(Path.Combine(dir!, "PublicAPI.Unshipped.txt"));
            if (NewSinceOnePointZero.Contains(Path.GetFileName(dir)))
            {
                Assert.True(shipped is ["#nullable enable"] && unshipped.Length > 1, $"{dir}: new since 1.0, so its API is all unshipped");
                return;
            }

            Assert.True(shipped.Length > 1 && shipped[0] == "#nullable enable", $"{dir}: PublicAPI.Shipped.txt holds no 1.0 API");
            Assert.DoesNotContain(unshipped, line => line.StartsWith("*REMOVED*", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void ShippingAssembliesListEveryProjectUnderSrcAndPlugins()
    {
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var paragraph = doc[doc.IndexOf("The shipping assemblies are", StringComparison.Ordinal)..];
        paragraph = paragraph[..paragraph.IndexOf("\n\n", StringComparison.Ordinal)];

        // "`Formats.Plugins.Npy`, `.Npz`" names Formats.Plugins.Npz: a short name continues the last full one's prefix.
        var named = new HashSet<string>();
        var prefix = "";
        foreach (Match m in Quoted().Matches(paragraph))
        {
            var name = m.Groups[1].Value;
            if (name.StartsWith('.'))
            {
                name = prefix + name;
            }
            else if (name.Contains('.', StringComparison.Ordinal))
            {
                prefix = name[..name.LastIndexOf('.')];
            }

            named.Add(name);
        }

        var projects = new[] { "src", "plugins" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.csproj", SearchOption.AllDirectories))
            .Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.True(named.Contains(p!), $"docs/architecture.md does not list {p} among the shipping assemblies"));
        Assert.DoesNotContain("will ship", doc, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Formats.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no Formats.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("`(\\.?[A-Z][A-Za-z0-9.]*)`")]
    private static partial Regex Quoted();
}
