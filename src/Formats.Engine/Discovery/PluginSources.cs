namespace Formats.Discovery;

/// <summary>Where the catalog finds plugins, as <c>AddArrayFormats</c> was configured.</summary>
/// <param name="Referenced">Plugin instances the application passed in.</param>
/// <param name="BuiltInDirectory">The folder whose <c>Formats.Plugins.*.dll</c> are loaded into the default context; null for none.</param>
/// <param name="Directories">Plugin folders (one subfolder per plugin), in load order.</param>
internal sealed record PluginSources(IReadOnlyList<IArrayFormatPlugin> Referenced, string? BuiltInDirectory, IReadOnlyList<string> Directories);
