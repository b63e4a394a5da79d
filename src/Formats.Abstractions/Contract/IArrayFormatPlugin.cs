using Microsoft.Extensions.DependencyInjection;

namespace Formats;

/// <summary>
/// A plugin's single entry point: a public class with a parameterless constructor that registers the plugin's
/// <see cref="IArrayFormat"/>s (and anything they need) in the host's service collection.
/// </summary>
public interface IArrayFormatPlugin
{
    /// <summary>Registers the plugin's services.</summary>
    void ConfigureServices(IServiceCollection services);
}
