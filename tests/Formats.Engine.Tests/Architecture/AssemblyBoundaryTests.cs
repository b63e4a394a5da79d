using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Formats.Numpy;

namespace Formats.Engine.Tests.Architecture;

/// <summary>
/// The packages share only public API: no shipping project lets another see its internals (test projects only), and
/// the contract depends on no other Formats assembly, so a plugin compiled against it needs nothing else.
/// </summary>
public sealed class AssemblyBoundaryTests
{
    [Fact]
    public void InternalsAreVisibleOnlyToTestProjects()
    {
        var root = RepositoryRoot();
        var projects = new[] { "src", "plugins" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.csproj", SearchOption.AllDirectories)).ToList();
        Assert.NotEmpty(projects);
        var friends = projects
            .SelectMany(p => XDocument.Load(p).Descendants("InternalsVisibleTo").Select(e => (Project: Path.GetFileName(p), Friend: (string?)e.Attribute("Include"))))
            .ToList();
        Assert.NotEmpty(friends);
        Assert.All(friends, f => Assert.True(f.Friend?.EndsWith(".Tests", StringComparison.Ordinal) == true, $"{f.Project} shows its internals to {f.Friend}"));
    }

    [Fact]
    public void TheContractReferencesNoOtherFormatsAssembly()
    {
        var contract = typeof(IArrayFormat).Assembly;
        Assert.DoesNotContain(contract.GetReferencedAssemblies(), a => a.Name!.StartsWith("Formats.", StringComparison.Ordinal));
        Assert.All(contract.GetCustomAttributes<InternalsVisibleToAttribute>(), a => Assert.EndsWith(".Tests", a.AssemblyName, StringComparison.Ordinal));
        Assert.Contains(typeof(NpyHeaderCodec).Assembly.GetReferencedAssemblies(), a => a.Name == contract.GetName().Name);
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
}
