using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.RabbitMQ;

/// <summary>Registers the <see cref="QueueWorker"/> in an application's services (the engine comes from <c>AddArrayFormats</c>).</summary>
public static class QueueWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the queue worker as a hosted service, its <see cref="QueueWorkerOptions"/> bound from <paramref name="section"/>
    /// (keys <c>Url</c>, <c>Name</c>, <c>AllowedRoots</c>, <c>Parallel</c>, ...) and validated when the host starts;
    /// problems name their keys under the section's path.
    /// </summary>
    public static IServiceCollection AddFormatsQueueWorker(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<QueueWorkerOptions>().Bind(section);
        return AddCore(services, section is IConfigurationSection { Path.Length: > 0 } s ? s.Path : nameof(QueueWorkerOptions));
    }

    /// <summary>Adds the queue worker as a hosted service, its <see cref="QueueWorkerOptions"/> set by <paramref name="configure"/> and validated when the host starts.</summary>
    public static IServiceCollection AddFormatsQueueWorker(this IServiceCollection services, Action<QueueWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<QueueWorkerOptions>().Configure(configure);
        return AddCore(services, nameof(QueueWorkerOptions));
    }

    /// <summary>
    /// Adds <see cref="FolderWorkerHeartbeat"/>: the app's <see cref="FolderWorker"/> (from <c>AddFormatsFolderWorker</c>)
    /// beats on the status exchange of the queue its <see cref="QueueWorkerOptions"/> name.
    /// </summary>
    public static IServiceCollection AddFormatsFolderHeartbeat(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(FolderWorkerHeartbeat)))
        {
            services.TryAddSingleton<FolderWorkerHeartbeat>();
            services.AddHostedService(sp => sp.GetRequiredService<FolderWorkerHeartbeat>());
        }

        return services;
    }

    private static IServiceCollection AddCore(IServiceCollection services, string section)
    {
        if (services.Any(d => d.ServiceType == typeof(QueueWorker)))
        {
            return services;
        }

        services.AddOptions<QueueWorkerOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueueWorkerOptions>>(new QueueWorkerOptionsValidator(section));
        services.TryAddSingleton<QueueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueWorker>());
        return services;
    }
}
