using Formats;
using Formats.Plugins;
using Formats.Registry;
using Formats.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Formats engine.</summary>
public static class ArrayFormatsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine (<see cref="ArrayFiles"/>, <see cref="FormatRouter"/>, <see cref="FormatRegistry"/>,
    /// <see cref="PluginCatalog"/>) and the formats of every plugin found: those the application references
    /// (<c>Formats.Plugins.*.dll</c> beside it), those in its <c>plugins/</c> folder, and those in folders
    /// added through <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddArrayFormats(this IServiceCollection services, Action<ArrayFormatsBuilder>? configure = null)
    {
        var builder = new ArrayFormatsBuilder(services);
        configure?.Invoke(builder);

        var catalog = services.FirstOrDefault(d => d.ServiceType == typeof(PluginCatalog))?.ImplementationInstance as PluginCatalog;
        if (catalog is null)
        {
            catalog = new PluginCatalog();
            services.AddSingleton(catalog);
        }

        foreach (var plugin in builder.Plugins)
        {
            catalog.Add(services, plugin);
        }

        var baseDirectory = AppContext.BaseDirectory;
        if (builder.UseReferencedPlugins)
        {
            catalog.LoadBuiltIn(services, baseDirectory);
        }

        if (builder.UseApplicationPluginsFolder && Directory.Exists(Path.Combine(baseDirectory, "plugins")))
        {
            catalog.LoadDirectory(services, Path.Combine(baseDirectory, "plugins"));
        }

        foreach (var directory in builder.PluginDirectories)
        {
            catalog.LoadDirectory(services, directory);
        }

        services.AddOptions<ArrayFormatsOptions>().Validate(o => o.IsValid, "Formats options: MaxHeaderSize must be at least 64, CopyBufferSize at least 4096, MaxCompressionRatio and MaxDegreeOfParallelism at least 1");
        services.TryAddSingleton<FormatRegistry>();
        services.TryAddSingleton<FormatRouter>();
        services.TryAddSingleton<ArrayFiles>();
        return services;
    }
}
