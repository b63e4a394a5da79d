using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Raw;

/// <summary>Registers the raw buffer format.</summary>
public sealed class RawPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<RawFormat>();
}
