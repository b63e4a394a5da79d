using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Npy;

/// <summary>Registers the NPY format.</summary>
public sealed class NpyPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<NpyFormat>();
}
