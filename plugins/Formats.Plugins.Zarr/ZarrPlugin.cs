using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Zarr;

/// <summary>Registers the <c>zarr</c> directory format.</summary>
public sealed class ZarrPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<ZarrFormat>();
}
