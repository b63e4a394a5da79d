using Formats.Storage.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="S3ArrayStorage"/>, so that every location given to <see cref="Formats.ArrayFiles"/> may be <c>s3://bucket/key</c>.</summary>
public static class S3StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="S3ArrayStorage"/> as an <see cref="Formats.IArrayStorage"/> (once, however often called) with its
    /// options; the client is made on first use, with credentials and region from the AWS SDK's default chain.
    /// </summary>
    public static IServiceCollection AddS3ArraySources(this IServiceCollection services, Action<S3StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<S3StorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new S3ArrayStorage(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Formats.IArrayStorage, S3ArrayStorage>(sp => sp.GetRequiredService<S3ArrayStorage>()));
        return services;
    }
}
