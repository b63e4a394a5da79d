using System.Collections.Concurrent;
using Formats.Plugins.Zarr.Metadata;

namespace Formats.Plugins.Zarr.Reading;

/// <summary>Reads a store: each array's metadata when first asked for, its data band by band of chunks.</summary>
internal sealed class ZarrReader(IArrayDirectory directory, ArrayReadOptions options) : IArrayReader
{
    private readonly ZarrHierarchy hierarchy = new(directory);
    private readonly ConcurrentDictionary<string, ZarrArrayMetadata> loaded = new(StringComparer.Ordinal);

    /// <summary>Every array, with what its chunks take in the store (which lists and sizes them; <see cref="Describe"/> does not).</summary>
    public IReadOnlyList<ArrayEntry> Entries => [.. Names.Select(name =>
    {
        var array = Metadata(name);
        var (count, bytes) = StoredChunks.Measure(directory, array);
        return Describe(name) with { StoredLength = bytes, UnpackedLength = array.Header.ByteLength, Layout = StoredChunks.Layout(array, count) };
    })];

    public IReadOnlyList<string> Names => hierarchy.Names;

    public ArrayEntry Describe(string name)
    {
        var array = Metadata(name);
        return new ArrayEntry(Resolve(name), array.Header)
        {
            Version = array.ZarrFormat.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Compressed = array.Pipeline.Compressed,
            Layout = StoredChunks.Layout(array, null),
        };
    }

    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        var array = Metadata(name ?? string.Empty);
        return new ChunkReadStream(directory, array, rows, options.MaxDegreeOfParallelism);
    }

    public void Dispose()
    {
    }

    internal ZarrArrayMetadata Metadata(string name) => loaded.GetOrAdd(Resolve(name), hierarchy.Load);

    private string Resolve(string name)
    {
        var names = hierarchy.Names;
        var wanted = name.Trim('/');
        if (wanted.Length == 0 && names.Count == 1)
        {
            return names[0];
        }

        return names.Contains(wanted, StringComparer.Ordinal)
            ? wanted
            : throw new MemberNotFoundException($"no array '{name}' in Zarr store {directory.Name}", name, names);
    }
}
