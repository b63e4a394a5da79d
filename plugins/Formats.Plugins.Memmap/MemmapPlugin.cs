using Formats.Plugins.Memmap.Mapping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Formats.Plugins.Memmap;

/// <summary>Registers the memory mapper (<see cref="IArrayMapper"/>); it adds no format.</summary>
public sealed class MemmapPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.TryAddSingleton<IArrayMapper, FileMapper>();
}
