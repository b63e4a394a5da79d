using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Npz;

/// <summary>Registers the NPZ format.</summary>
public sealed class NpzPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<NpzFormat>();
}
