using Formats;
using Formats.Discovery;
using Formats.Registry;
using Formats.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Formats engine.</summary>
public static class ArrayFormatsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine (<see cref="ArrayFiles"/>, <see cref="FormatRouter"/>, <see cref="FormatRegistry"/>,
    /// <see cref="PluginCatalog"/>) and where its plugins come from: those the application references
    /// (<c>Formats.Plugins.*.dll</c> beside it), those in its <c>plugins/</c> folder, and those in folders added
    /// through <paramref name="configure"/>. Registration does no I/O: plugins are found and loaded when the
    /// catalog is first resolved; options are validated on start (and when <see cref="ArrayFiles"/> is created).
    /// Stores other than the file system plug in as <see cref="IArrayStorage"/> services (register them with
    /// <c>TryAddEnumerable</c>); <see cref="ArrayFiles"/> asks them, in order, for every location string.
    /// </summary>
    public static IServiceCollection AddArrayFormats(this IServiceCollection services, Action<ArrayFormatsBuilder>? configure = null)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ArrayFormatsBuilder))?.ImplementationInstance as ArrayFormatsBuilder;
        var builder = existing ?? new ArrayFormatsBuilder(services);
        configure?.Invoke(builder);
        if (existing is not null)
        {
            return services;
        }

        services.AddSingleton(builder);
        services.AddSingleton(sp => new PluginCatalog(builder.ToSources(AppContext.BaseDirectory), sp));
        services.AddOptions<ArrayFormatsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArrayFormatsOptions>, ArrayFormatsOptionsValidator>());
        services.TryAddSingleton<FormatRegistry>();
        services.TryAddSingleton<FormatRouter>();
        services.TryAddSingleton<ArrayFiles>();
        return services;
    }
}
