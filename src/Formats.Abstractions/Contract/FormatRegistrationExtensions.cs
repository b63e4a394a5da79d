using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Formats;

/// <summary>Registration helpers for plugins.</summary>
public static class FormatRegistrationExtensions
{
    /// <summary>Registers <typeparamref name="TFormat"/> as an <see cref="IArrayFormat"/> singleton, once.</summary>
    public static IServiceCollection AddFormat<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFormat>(this IServiceCollection services)
        where TFormat : class, IArrayFormat
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IArrayFormat, TFormat>());
        return services;
    }
}
