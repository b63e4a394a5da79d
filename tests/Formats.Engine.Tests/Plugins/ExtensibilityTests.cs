using Formats.Discovery;
using Formats.Registry;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Engine.Tests.Plugins;

/// <summary>
/// A plugin built against the public contract alone, copied into a folder the host has never seen, is
/// loaded in its own context and reads its format by magic bytes through DI; a corrupt assembly beside it is
/// reported and skipped.
/// </summary>
public sealed class ExtensibilityTests
{
    private static readonly string StagedPlugin = Path.Combine(AppContext.BaseDirectory, "staged-plugin", "Formats.TestPlugin");

    [Fact]
    public void ACopyOfAPluginUnderAnotherNameIsSkippedNotFatal()
    {
        using var dir = new TempDir();
        var plugins = Path.Combine(dir.Path, "plugins");
        CopyFolder(StagedPlugin, Path.Combine(plugins, "Formats.TestPlugin"));
        CopyFolder(StagedPlugin, Path.Combine(plugins, "Zcopy"));
        File.Move(Path.Combine(plugins, "Zcopy", "Formats.TestPlugin.dll"), Path.Combine(plugins, "Zcopy", "Zcopy.dll"));

        using var provider = new ServiceCollection().AddArrayFormats(b => b.AddPluginDirectory(plugins)).BuildServiceProvider();

        // Loaded twice in two contexts, the same format name comes from two types: the first is kept, the copy skipped.
        Assert.Single(provider.GetRequiredService<FormatRegistry>().Formats, f => f.Name == "tally");
        var skipped = Assert.Single(provider.GetRequiredService<PluginCatalog>().Plugins, p => !p.Loaded);
        Assert.Contains("format 'tally' is already provided by", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistrationDoesNoIoPluginsLoadWhenTheEngineIsFirstResolved()
    {
        using var dir = new TempDir();
        var plugins = Path.Combine(dir.Path, "later");
        var services = new ServiceCollection().AddArrayFormats(b => b.AddPluginDirectory(plugins));

        // The folder appears only after registration: a catalog that scanned while registering would miss it.
        CopyFolder(StagedPlugin, Path.Combine(plugins, "Formats.TestPlugin"));
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<FormatRegistry>().Find("tally"));
        Assert.True(Assert.Single(provider.GetRequiredService<PluginCatalog>().Plugins, p => p.Name == "Formats.TestPlugin").Loaded);
    }

    [Fact]
    public async Task ForeignPluginReadsItsFormatByMagicWhileACorruptOneIsSkipped()
    {
        using var dir = new TempDir();
        var plugins = Path.Combine(dir.Path, "plugins");
        CopyFolder(StagedPlugin, Path.Combine(plugins, "Formats.TestPlugin"));
        Directory.CreateDirectory(Path.Combine(plugins, "Broken"));
        File.WriteAllBytes(Path.Combine(plugins, "Broken", "Broken.dll"), "MZ this is not an assembly"u8.ToArray());
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Formats.TestPlugin.dll")), "the test must not reference the plugin");

        using var provider = new ServiceCollection().AddArrayFormats(b => b.AddPluginDirectory(plugins)).BuildServiceProvider();

        var catalog = provider.GetRequiredService<PluginCatalog>();
        var broken = Assert.Single(catalog.Plugins, p => p.Name == "Broken");
        Assert.False(broken.Loaded);
        Assert.Contains("not a valid .NET assembly", broken.Error, StringComparison.Ordinal);
        Assert.True(Assert.Single(catalog.Plugins, p => p.Name == "Formats.TestPlugin").Loaded);

        var tally = provider.GetRequiredService<FormatRegistry>().Find("tally");
        Assert.NotNull(tally);
        // One IArrayFormat type on both sides, but the implementation lives in the plugin's own load context.
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(tally!.GetType().Assembly));

        // A tally file with a misleading extension: chosen by its magic bytes.
        var path = Path.Combine(dir.Path, "numbers.bin");
        var files = provider.GetRequiredService<ArrayFiles>();
        File.WriteAllBytes(path, [.. "TALLY\0\0\u0001"u8, 3, 0, 0, 0, 0, 0, 0, 0, .. BitConverter.GetBytes(1.0), .. BitConverter.GetBytes(2.0), .. BitConverter.GetBytes(4.5)]);
        using var array = files.Read(path);
        Assert.Equal([1.0, 2.0, 4.5], array.ToArray<double>());

        // And the built-in formats keep working beside it: convert tally -> npy -> tally.
        await files.ConvertAsync(path, Path.Combine(dir.Path, "numbers.npy"));
        await files.ConvertAsync(Path.Combine(dir.Path, "numbers.npy"), Path.Combine(dir.Path, "again.tly"));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(dir.Path, "again.tly")));
    }

    [Fact]
    public void FolderWithoutItsAssemblyIsReported()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "Empty"));
        using var provider = new ServiceCollection().AddArrayFormats(b => b.AddPluginDirectory(dir.Path)).BuildServiceProvider();
        var empty = Assert.Single(provider.GetRequiredService<PluginCatalog>().Plugins, p => p.Name == "Empty");
        Assert.Contains("no Empty.dll", empty.Error, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        Assert.True(Directory.Exists(from), $"staged plugin missing at {from}");
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
