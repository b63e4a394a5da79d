using System.Text.Json;
using Formats.Discovery;
using Formats.Printing;
using Formats.Registry;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Engine.Tests.Printing;

/// <summary><see cref="PluginsJson"/> and <see cref="CapabilityNames"/>: each format with what it can do and where it came from.</summary>
public sealed class PluginsJsonTests
{
    [Fact]
    public void ADirectoryFormatIsListedByTheInterfacesItImplements() =>
        Assert.Equal(["Read", "Write", "MultiArray", "Directory"], CapabilityNames.Of(new Storage.TilesFormat()));

    [Fact]
    public void NpyIsListedWithItsMagicAndCapabilities()
    {
        using var services = TestServices.Create();
        var registry = services.GetRequiredService<FormatRegistry>();
        var npy = registry.Find("npy")!;
        Assert.Equal(["Read", "Write", "Append"], CapabilityNames.Of(npy));

        using var json = JsonDocument.Parse(PluginsJson.Format(registry, services.GetRequiredService<PluginCatalog>()));
        var entry = json.RootElement.GetProperty("formats").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "npy");
        Assert.Equal("934E554D5059", Assert.Single(entry.GetProperty("magic").EnumerateArray()).GetString());
        Assert.Equal(["Read", "Write", "Append"], entry.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Formats.Plugins.Npy", entry.GetProperty("plugin").GetString());
        Assert.Empty(json.RootElement.GetProperty("failed").EnumerateArray());
    }
}
