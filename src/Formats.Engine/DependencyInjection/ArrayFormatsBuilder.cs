using Microsoft.Extensions.DependencyInjection;

namespace Formats;

/// <summary>Chooses where <c>AddArrayFormats</c> finds plugins.</summary>
public sealed class ArrayFormatsBuilder
{
    internal ArrayFormatsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Plugin folders to load (each holding one subfolder per plugin).</summary>
    public IList<string> PluginDirectories { get; } = [];

    /// <summary>Also load <c>plugins/</c> beside the application. Default true.</summary>
    public bool UseApplicationPluginsFolder { get; set; } = true;

    /// <summary>Also load <c>Formats.Plugins.*.dll</c> beside the application (plugins the application references). Default true.</summary>
    public bool UseReferencedPlugins { get; set; } = true;

    internal List<IArrayFormatPlugin> Plugins { get; } = [];

    internal Discovery.PluginSources ToSources(string baseDirectory) => new(
        [.. Plugins],
        UseReferencedPlugins ? baseDirectory : null,
        [.. (UseApplicationPluginsFolder && Directory.Exists(Path.Combine(baseDirectory, "plugins")) ? [Path.Combine(baseDirectory, "plugins")] : Array.Empty<string>()),
            .. PluginDirectories]);

    /// <summary>Adds a folder of plugins.</summary>
    public ArrayFormatsBuilder AddPluginDirectory(string directory)
    {
        PluginDirectories.Add(directory);
        return this;
    }

    /// <summary>Adds a plugin the application references at compile time.</summary>
    public ArrayFormatsBuilder AddPlugin<TPlugin>()
        where TPlugin : IArrayFormatPlugin, new()
    {
        Plugins.Add(new TPlugin());
        return this;
    }
}
