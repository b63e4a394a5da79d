using Microsoft.Extensions.DependencyInjection;

namespace Company.FormatPlugin;

/// <summary>The plugin's entry point: the host finds this class and lets it register the format.</summary>
public sealed class ExamplePlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<ExampleFormat>();
}
