using System.Text.RegularExpressions;
using Formats.Testing;

namespace Formats.Packaging.Tests;

/// <summary>
/// Every package, packed once by <c>.ci/pack</c> into a folder feed, and a user's machine around it: a NuGet.Config
/// naming only that feed and the sources this machine already uses, and a private packages folder (so a package
/// of this version restored by an earlier run is never taken instead of the one just packed) that falls back on
/// the machine's packages folder for everything else (no download of what the machine already has).
/// </summary>
public sealed partial class PackagedFeed : IDisposable
{
    private readonly TempDir root = new();

    public PackagedFeed()
    {
        RepoRoot = FindRepoRoot();
        Feed = Path.Combine(root.Path, "feed");
        PackOutput = Processes.Run(RepoRoot, new Dictionary<string, string>(), "bash", Path.Combine(RepoRoot, ".ci", "pack"), Feed).Check().Out;
        Version = VersionPrefix().Match(File.ReadAllText(Path.Combine(RepoRoot, "Directory.Build.props"))).Groups[1].Value;

        var packages = Directory.CreateDirectory(Path.Combine(root.Path, "nuget-packages")).FullName;
        var machinePackages = Processes.Run(root.Path, new Dictionary<string, string>(), "dotnet", "nuget", "locals", "global-packages", "--list").Check().Out;
        var machineFolder = machinePackages[(machinePackages.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        var sources = Processes.Run(root.Path, new Dictionary<string, string>(), "dotnet", "nuget", "list", "source", "--format", "short").Check().Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('E'))
            .Select((line, i) => $"    <add key=\"machine-{i}\" value=\"{line[1..].Trim()}\" />");
        UserFolder = Directory.CreateDirectory(Path.Combine(root.Path, "user")).FullName;
        NuGetConfig = Path.Combine(UserFolder, "NuGet.Config");
        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="formats-local" value="{Feed}" />
            {string.Join('\n', sources)}
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{machineFolder}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = packages,
        };
        TemplateHive = Directory.CreateDirectory(Path.Combine(root.Path, "template-hive")).FullName;
    }

    /// <summary>The repository the packages come from.</summary>
    public string RepoRoot { get; }

    /// <summary>The folder feed holding every .nupkg and .snupkg.</summary>
    public string Feed { get; }

    /// <summary>What .ci/pack printed: a SHA-256 line per package.</summary>
    public string PackOutput { get; }

    /// <summary>The package version (VersionPrefix in Directory.Build.props).</summary>
    public string Version { get; }

    /// <summary>The user's working folder, holding the NuGet.Config every command here uses.</summary>
    public string UserFolder { get; }

    /// <summary>The NuGet.Config: the feed and the machine's sources.</summary>
    public string NuGetConfig { get; }

    /// <summary>The private template hive for <c>dotnet new --debug:custom-hive</c>.</summary>
    public string TemplateHive { get; }

    /// <summary>Environment for every dotnet command: the private packages folder.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Runs <c>dotnet</c> in the user's folder with the user's environment.</summary>
    public ProcessResult Dotnet(params string[] args) => Processes.Run(UserFolder, Environment, "dotnet", args);

    /// <inheritdoc />
    public void Dispose() => root.Dispose();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Formats.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Formats.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<VersionPrefix>([^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();
}

/// <summary>The tests that share one packed feed run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagedFeed>
{
    public const string Name = "packages";
}
