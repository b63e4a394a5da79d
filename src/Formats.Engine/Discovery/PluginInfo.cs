namespace Formats.Discovery;

/// <summary>What happened to one plugin assembly.</summary>
/// <param name="Name">The plugin's name (its folder or assembly name).</param>
/// <param name="AssemblyPath">The assembly file.</param>
/// <param name="Error">Why loading failed; null when it loaded.</param>
public sealed record PluginInfo(string Name, string AssemblyPath, string? Error)
{
    /// <summary>True when the plugin loaded and registered its services.</summary>
    public bool Loaded => Error is null;

    /// <summary>True for plugins found beside the application (referenced at build time) rather than in a plugins folder.</summary>
    public bool BuiltIn { get; init; }
}
