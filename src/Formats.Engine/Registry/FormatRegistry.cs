namespace Formats.Registry;

/// <summary>
/// Every registered format in detection order: detectors by descending priority, then by name.
/// Formats without a detector follow, by name.
/// </summary>
public sealed class FormatRegistry
{
    /// <summary>Builds the registry from the formats registered in the container and those the plugins registered.</summary>
    /// <exception cref="InvalidOperationException">Two formats share a name.</exception>
    /// <remarks>
    /// A format registered directly wins over a plugin's format of the same name (the same type counts once; another
    /// type is recorded in the catalog as skipped), so a stray plugin copy cannot stop the engine from starting.
    /// </remarks>
    public FormatRegistry(IEnumerable<IArrayFormat> formats, Discovery.PluginCatalog catalog)
        : this(Merge([.. formats], catalog))
    {
    }

    /// <summary>Builds the registry from <paramref name="formats"/>.</summary>
    /// <exception cref="InvalidOperationException">Two formats share a name.</exception>
    public FormatRegistry(IEnumerable<IArrayFormat> formats)
    {
        var list = formats
            .OrderByDescending(f => f.Detector?.Priority ?? int.MinValue)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var duplicate = list.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"format name '{duplicate.Key}' is registered by {string.Join(" and ", duplicate.Select(f => f.GetType().FullName))}");
        }

        Formats = list;
        MaxDetectionBytes = list.Select(f => f.Detector?.HeaderSize ?? 0).DefaultIfEmpty(0).Max();
    }

    /// <summary>The formats in detection order.</summary>
    public IReadOnlyList<IArrayFormat> Formats { get; }

    /// <summary>The most leading bytes any detector needs.</summary>
    public int MaxDetectionBytes { get; }

    /// <summary>Names of every format, for error messages.</summary>
    public IReadOnlyList<string> Names => [.. Formats.Select(f => f.Name).Order(StringComparer.Ordinal)];

    /// <summary>The format called <paramref name="name"/> (case-insensitive), or null.</summary>
    public IArrayFormat? Find(string name) =>
        Formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Formats claiming the extension of <paramref name="path"/>.</summary>
    public IReadOnlyList<IArrayFormat> ForExtension(string path)
    {
        var ext = Path.GetExtension(path);
        return string.IsNullOrEmpty(ext)
            ? []
            : [.. Formats.Where(f => f.Extensions.Any(e => string.Equals(e, ext, StringComparison.OrdinalIgnoreCase)))];
    }

    private static List<IArrayFormat> Merge(List<IArrayFormat> direct, Discovery.PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. direct, .. catalog.WithoutDuplicates(catalog.Formats, direct)];
    }
}
