using Formats.Discovery;
using Formats.Plugins.Npy;
using Formats.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Formats.Engine.Tests.DependencyInjection;

public sealed class AddArrayFormatsTests
{
    [Fact]
    public void RegistersTheEngineAndTheReferencedPlugins()
    {
        using var provider = new ServiceCollection().AddArrayFormats().BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ArrayFiles>());
        var registry = provider.GetRequiredService<FormatRegistry>();
        Assert.Equal(["npy", "raw"], registry.Names);
        var catalog = provider.GetRequiredService<PluginCatalog>();
        Assert.All(catalog.Plugins, p => Assert.True(p.Loaded, p.Error));
        Assert.Contains(catalog.Plugins, p => p.Name == "Formats.Plugins.Npy" && p.BuiltIn);
    }

    [Fact]
    public void CallingTwiceRegistersEachFormatOnce()
    {
        var services = new ServiceCollection().AddArrayFormats().AddArrayFormats(b => b.AddPlugin<NpyPlugin>());
        using var provider = services.BuildServiceProvider();
        Assert.Single(provider.GetRequiredService<FormatRegistry>().Formats, f => f.Name == "npy");
        Assert.Single(services, d => d.ServiceType == typeof(PluginCatalog));
        Assert.Single(provider.GetRequiredService<PluginCatalog>().Plugins, p => p.Name == "Formats.Plugins.Npy");
    }

    [Fact]
    public void ExplicitPluginWorksWithoutDiscovery()
    {
        var services = new ServiceCollection().AddArrayFormats(b =>
        {
            b.UseReferencedPlugins = false;
            b.UseApplicationPluginsFolder = false;
            b.AddPlugin<NpyPlugin>();
        });
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["npy"], provider.GetRequiredService<FormatRegistry>().Names);
    }

    [Fact]
    public void OptionsFlowThroughTheOptionsPattern()
    {
        var services = new ServiceCollection().AddArrayFormats();
        services.Configure<ArrayFormatsOptions>(o => o.MaxHeaderSize = 123_456);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(123_456, provider.GetRequiredService<IOptions<ArrayFormatsOptions>>().Value.MaxHeaderSize);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        var services = new ServiceCollection().AddArrayFormats();
        services.Configure<ArrayFormatsOptions>(o => o.CopyBufferSize = 1);
        using var provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArrayFormatsOptions>>().Value);
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ArrayFiles>());
        Assert.Equal(["Formats:CopyBufferSize must be at least 4096 (it is 1)"], e.Failures);
    }

    [Fact]
    public void MissingPluginFolderIsReportedNotFatal()
    {
        using var provider = new ServiceCollection()
            .AddArrayFormats(b => b.AddPluginDirectory("/nonexistent/formats-plugins"))
            .BuildServiceProvider();
        var failed = Assert.Single(provider.GetRequiredService<PluginCatalog>().Plugins, p => !p.Loaded);
        Assert.Contains("does not exist", failed.Error, StringComparison.Ordinal);
        Assert.Contains("npy", provider.GetRequiredService<FormatRegistry>().Names);
    }
}
