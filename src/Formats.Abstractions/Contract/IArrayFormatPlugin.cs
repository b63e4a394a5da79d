using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Formats;

/// <summary>
/// A plugin's single entry point: a public class with a parameterless constructor that registers the plugin's
/// <see cref="IArrayFormat"/>s (and anything they need) in the host's service collection.
/// </summary>
public interface IArrayFormatPlugin
{
    /// <summary>Registers the plugin's services.</summary>
    void ConfigureServices(IServiceCollection services);
}

/// <summary>Registration helpers for plugins.</summary>
public static class ArrayFormatServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TFormat"/> as an <see cref="IArrayFormat"/> singleton, once.</summary>
    public static IServiceCollection AddArrayFormat<TFormat>(this IServiceCollection services)
        where TFormat : class, IArrayFormat
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IArrayFormat, TFormat>());
        return services;
    }
}
