using Formats.Plugins.Zarr.Metadata;

namespace Formats.Plugins.Zarr.Reading;

/// <summary>
/// What an array's chunks take in the store: every object below its prefix but the metadata, found by listing one
/// level at a time and sized by opening each (a store has no size listing). For <c>info</c>, never for a read.
/// </summary>
internal static class StoredChunks
{
    private static readonly string[] MetadataNames = ["zarr.json", ".zarray", ".zattrs", ".zgroup"];

    public static (long Count, long Bytes) Measure(IArrayDirectory directory, ZarrArrayMetadata array)
    {
        long count = 0, bytes = 0;
        var folders = new Stack<string>([array.Prefix]);
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in directory.List(folder))
            {
                if (entry.EndsWith('/'))
                {
                    folders.Push(entry);
                }
                else if (!MetadataNames.Contains(entry[(entry.LastIndexOf('/') + 1)..], StringComparer.Ordinal))
                {
                    using var stream = directory.OpenRead(entry);
                    (count, bytes) = (count + 1, bytes + stream.Length);
                }
            }
        }

        return (count, bytes);
    }

    /// <summary>The chunk grid and codec chain in words, with the stored count when it is known.</summary>
    public static string Layout(ZarrArrayMetadata array, long? stored)
    {
        var pipeline = array.Pipeline;
        var grid = pipeline.Sharding is { } sharding
            ? $"shards {new ArrayShape(array.ChunkShape)} of chunks {new ArrayShape(sharding.InnerShape)}"
            : $"chunks {new ArrayShape(array.ChunkShape)}";
        var total = array.GridShape.Aggregate(1L, (a, b) => a * b);
        var count = stored is { } n ? $", {n} of {total} stored" : "";
        var arrayToBytes = pipeline.Sharding is { } s ? $"sharding_indexed ({s.Inner.Describe("bytes")})" : "bytes";
        return $"{grid}{count}, codecs {pipeline.Describe(arrayToBytes)}";
    }
}
