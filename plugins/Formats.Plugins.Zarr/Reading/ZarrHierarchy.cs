using Formats.Plugins.Zarr.Metadata;

namespace Formats.Plugins.Zarr.Reading;

/// <summary>
/// The arrays of a store: the root array alone (name <c>""</c>), or every array below the root group, named by its
/// path (<c>a/foo</c>). Groups are found by listing one level at a time; chunk folders are never listed.
/// </summary>
internal sealed class ZarrHierarchy
{
    private readonly IArrayDirectory directory;
    private readonly Dictionary<string, int> formats = new(StringComparer.Ordinal);

    public ZarrHierarchy(IArrayDirectory directory)
    {
        this.directory = directory;
        var top = directory.List();
        if (top.Contains(V3Entry))
        {
            switch (NodeType(V3Entry))
            {
                case "array":
                    formats[string.Empty] = 3;
                    break;
                default:
                    Walk(string.Empty, 3);
                    break;
            }
        }
        else if (top.Contains(".zarray"))
        {
            formats[string.Empty] = 2;
        }
        else if (top.Contains(".zgroup"))
        {
            Walk(string.Empty, 2);
        }
        else
        {
            throw new MalformedArrayException($"{directory.Name} holds neither zarr.json, .zarray nor .zgroup: not a Zarr store");
        }
    }

    private const string V3Entry = "zarr.json";

    /// <summary>The arrays' names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => [.. formats.Keys.Order(StringComparer.Ordinal)];

    public int FormatOf(string name) => formats[name];

    /// <summary>Reads one array's metadata.</summary>
    public ZarrArrayMetadata Load(string name)
    {
        var prefix = name.Length == 0 ? string.Empty : name + "/";
        if (formats[name] == 3)
        {
            var entry = prefix + V3Entry;
            using var doc = ZarrJson.Load(directory, entry);
            return V3Metadata.Parse(doc.RootElement, prefix, entry);
        }
        else
        {
            var entry = prefix + ".zarray";
            using var doc = ZarrJson.Load(directory, entry);
            return V2Metadata.Parse(doc.RootElement, prefix, entry);
        }
    }

    private string NodeType(string entry)
    {
        using var doc = ZarrJson.Load(directory, entry);
        var root = doc.RootElement;
        var format = ZarrJson.Int(ZarrJson.Required(root, "zarr_format", entry), "zarr_format", entry);
        if (format != 3)
        {
            throw new UnsupportedArrayException($"{entry}: zarr_format {format} is not 3");
        }

        var type = ZarrJson.String(ZarrJson.Required(root, "node_type", entry), "node_type", entry);
        return type is "array" or "group" ? type : throw new MalformedArrayException($"{entry}: node_type '{type}' is neither 'array' nor 'group'");
    }

    private void Walk(string prefix, int format)
    {
        foreach (var folder in directory.List(prefix).Where(e => e.EndsWith('/')))
        {
            var inside = directory.List(folder);
            var name = folder.TrimEnd('/');
            if (format == 3 && inside.Contains(folder + V3Entry))
            {
                if (NodeType(folder + V3Entry) == "array")
                {
                    formats[name] = 3;
                }
                else
                {
                    Walk(folder, 3);
                }
            }
            else if (format == 2 && inside.Contains(folder + ".zarray"))
            {
                formats[name] = 2;
            }
            else if (format == 2 && inside.Contains(folder + ".zgroup"))
            {
                Walk(folder, 2);
            }
        }
    }
}
