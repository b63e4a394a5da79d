using Formats.Plugins.Zarr.Codecs;
using Formats.Plugins.Zarr.Metadata;

namespace Formats.Plugins.Zarr.Writing;

/// <summary>
/// Writes a v3 store: an unnamed array at the root, or named arrays as members of the root group (<c>a/b</c> in group
/// <c>a</c>). Each array's <c>zarr.json</c> follows its chunks, and the groups' follow every array, so a store cut off
/// midway does not read as complete.
/// </summary>
internal sealed class ZarrWriter(IArrayDirectory directory, ArrayWriteOptions options) : IArrayWriter
{
    private readonly ZarrWriteOptions zarr = options.Get<ZarrWriteOptions>() ?? ZarrWriteOptions.Default;
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var path = (name ?? string.Empty).Trim('/');
        if (path.EndsWith(".npy", StringComparison.Ordinal))
        {
            path = path[..^4];
        }

        if ((path.Length == 0 && names.Count > 0) || names.Contains(string.Empty) || !names.Add(path))
        {
            throw new UnsupportedArrayException($"a Zarr store holds one unnamed array or named arrays, each once; '{path}' cannot be added");
        }

        if (path.Length > 0 && path.Split('/').Any(p => p is "" or "." or ".." or "c" || p.StartsWith("zarr.json", StringComparison.Ordinal)))
        {
            throw new UnsupportedArrayException($"'{path}' is not a Zarr node name");
        }

        _ = V3MetadataWriter.DataTypeName(header.DType);
        var chunks = ChunkShape(header);
        var shard = ShardShape(chunks);
        var item = header.DType.ItemSize;
        var level = V3MetadataWriter.Level(zarr);
        IBytesCodec[] codecs = zarr.Codec switch
        {
            ZarrCodec.Gzip => [new DeflateCodec(gzip: true, level)],
            ZarrCodec.Zstd => [new ZstdCodec(level, checksum: false)],
            ZarrCodec.BloscLz4 or ZarrCodec.BloscZstd or ZarrCodec.BloscZlib => [new BloscCodec(item, V3MetadataWriter.BloscCompressor(zarr.Codec), level, zarr.Shuffle)],
            _ => [],
        };
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var logical = header with { Order = ArrayOrder.C };

        // Fortran-ordered data is the C-ordered data of the transposed array: chunked as that, stored behind a
        // transpose codec, so no copy reorders it.
        var fortran = header.IsFortranOnly;
        long[] Stored(long[] shape) => fortran ? [.. shape.Reverse()] : shape;
        var stored = fortran ? logical with { Shape = new ArrayShape(Stored(header.Shape.Dimensions.ToArray())) } : logical;
        var pipeline = new ChunkPipeline(codecs, 0, null, item);
        if (shard is not null)
        {
            // The inner chunks behind sharding_indexed, its index of (offset, length) pairs followed by a CRC-32C, at the end.
            var index = new ChunkPipeline([new Crc32cCodec()], 0, null, 8);
            pipeline = new ChunkPipeline([], 0, null, item) { Sharding = new ShardingCodec(Stored(chunks), pipeline, index, 1, false, new byte[item]) };
        }

        var grid = shard ?? chunks;
        var array = new ZarrArrayMetadata(prefix, 3, stored, Stored(grid), new byte[item], pipeline, new ChunkKeys(true, '/', fortran));
        var layout = new V3MetadataWriter.Layout(grid, shard is null ? null : Stored(chunks), fortran);
        return new ChunkWriteStream(directory, array, options.MaxDegreeOfParallelism, () => V3MetadataWriter.Array(directory, prefix, logical, layout, zarr));
    }

    public void Complete()
    {
        if (names.Count == 0 || names.Contains(string.Empty))
        {
            return;
        }

        var groups = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var name in names)
        {
            var parts = name.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                groups.Add(string.Join('/', parts[..i]) + "/");
            }
        }

        foreach (var group in groups.Reverse())
        {
            V3MetadataWriter.Group(directory, group);
        }
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Complete();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
    }

    private long[]? ShardShape(long[] chunks)
    {
        if (zarr.Shard is not { } shard)
        {
            return null;
        }

        if (zarr.Chunks is null)
        {
            throw new UnsupportedArrayException("a shard shape needs the inner chunk shape (ZarrWriteOptions.Chunks) it is a multiple of");
        }

        return shard.Count == chunks.Length && shard.Select((s, i) => s >= 1 && s % chunks[i] == 0).All(ok => ok)
            ? [.. shard]
            : throw new UnsupportedArrayException(
                $"shard {new ArrayShape([.. shard.Select(s => Math.Max(0, s))])} is not a multiple of chunks {new ArrayShape(chunks)} on every axis of a {chunks.Length}-dimensional array");
    }

    private long[] ChunkShape(ArrayHeader header)
    {
        var shape = header.Shape.Dimensions.ToArray();
        if (zarr.Chunks is { } given)
        {
            return given.Count == shape.Length && given.All(c => c >= 1)
                ? [.. given]
                : throw new UnsupportedArrayException($"chunks {new ArrayShape([.. given.Select(c => Math.Max(0, c))])} do not fit a {shape.Length}-dimensional array (one positive length per axis)");
        }

        var chunks = shape.Select(d => Math.Max(1, d)).ToArray();
        if (chunks.Length > 0)
        {
            var rowBytes = Math.Max(1, chunks.Skip(1).Aggregate((long)header.DType.ItemSize, (a, b) => a * b));
            chunks[0] = Math.Clamp((4L << 20) / rowBytes, 1, chunks[0]);
        }

        return chunks;
    }
}
