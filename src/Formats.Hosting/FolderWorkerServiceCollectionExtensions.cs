using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Formats.Hosting;

/// <summary>Registers the <see cref="FolderWorker"/> in an application's services (the engine comes from <c>AddArrayFormats</c>).</summary>
public static class FolderWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the folder worker as a hosted service, its <see cref="FolderWorkerOptions"/> bound from
    /// <paramref name="section"/> (for example <c>builder.Configuration.GetSection("Formats:Worker")</c>) and validated
    /// when the host starts; problems name their keys under the section's path.
    /// </summary>
    public static IServiceCollection AddFormatsFolderWorker(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<FolderWorkerOptions>().Bind(section);
        return AddCore(services, section is IConfigurationSection { Path.Length: > 0 } s ? s.Path : nameof(FolderWorkerOptions));
    }

    /// <summary>Adds the folder worker as a hosted service, its <see cref="FolderWorkerOptions"/> set by <paramref name="configure"/> and validated when the host starts.</summary>
    public static IServiceCollection AddFormatsFolderWorker(this IServiceCollection services, Action<FolderWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FolderWorkerOptions>().Configure(configure);
        return AddCore(services, nameof(FolderWorkerOptions));
    }

    private static IServiceCollection AddCore(IServiceCollection services, string section)
    {
        if (services.Any(d => d.ServiceType == typeof(FolderWorker)))
        {
            return services; // options added again combine; the worker runs once
        }

        services.AddOptions<FolderWorkerOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FolderWorkerOptions>>(sp => new FolderWorkerOptionsValidator(sp.GetRequiredService<ArrayFiles>(), section));
        services.TryAddSingleton<FolderWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<FolderWorker>());
        return services;
    }
}
