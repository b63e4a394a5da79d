using Microsoft.Extensions.DependencyInjection;

namespace Formats.Testing;

/// <summary>The engine as an application would set it up: a ServiceCollection and AddArrayFormats.</summary>
public static class TestServices
{
    /// <summary>A provider with every referenced plugin (test projects reference the plugins they test).</summary>
    public static ServiceProvider Create(Action<ArrayFormatsBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddArrayFormats(configure);
        return services.BuildServiceProvider();
    }

    /// <summary>The <see cref="ArrayFiles"/> facade over every referenced plugin.</summary>
    public static ArrayFiles Files() => Create().GetRequiredService<ArrayFiles>();
}
