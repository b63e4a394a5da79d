using System.Security.Cryptography;

namespace Formats.Packaging.Tests;

/// <summary>Two packs of one commit, each from a clean build, give byte-identical packages.</summary>
[Collection(PackagesCollection.Name)]
public sealed class ReproducibilityTests(PackagedFeed feed)
{
    [Fact]
    public void PackingTwiceGivesByteIdenticalPackages()
    {
        // .ci/run packs before the tests and names its feed here, so CI compares two packs without a third build.
        var other = System.Environment.GetEnvironmentVariable("FORMATS_CI_PACKAGES");
        using var again = new Formats.Testing.TempDir();
        if (string.IsNullOrEmpty(other))
        {
            other = Path.Combine(again.Path, "feed");
            Processes.Run(feed.RepoRoot, new Dictionary<string, string>(), "bash", Path.Combine(feed.RepoRoot, ".ci", "pack"), other).Check();
        }

        var first = Hashes(feed.Feed);
        var second = Hashes(other);
        Assert.Equal(34, first.Count); // 19 packages (the tool is three), 15 with symbols (not the templates, which have no code, nor the tool)
        Assert.Equal(first, second);
    }

    private static SortedDictionary<string, string> Hashes(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".nupkg", StringComparison.Ordinal) || f.EndsWith(".snupkg", StringComparison.Ordinal)))
        {
            hashes[Path.GetFileName(file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }
}
