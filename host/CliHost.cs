namespace Formats.Host;

/// <summary>The services of one command run; disposing it disposes them (and unloads nothing it never loaded).</summary>
public sealed class CliHost(Microsoft.Extensions.DependencyInjection.ServiceProvider services) : IDisposable
{
    /// <summary>The container: <see cref="ArrayFiles"/>, the registry, the plugin catalog, logging.</summary>
    public IServiceProvider Services => services;

    /// <inheritdoc />
    public void Dispose() => services.Dispose();
}
