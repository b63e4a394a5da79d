namespace Formats.Plugins.Zarr;

/// <summary>The compressor a Zarr v3 writer puts after the <c>bytes</c> codec.</summary>
public enum ZarrCodec
{
    /// <summary>No compressor: each chunk is its raw bytes.</summary>
    None,

    /// <summary>The <c>gzip</c> codec.</summary>
    Gzip,

    /// <summary>The <c>zstd</c> codec (the default).</summary>
    Zstd,

    /// <summary>The <c>blosc</c> codec with lz4 inside, byte shuffle.</summary>
    BloscLz4,

    /// <summary>The <c>blosc</c> codec with zstd inside, byte shuffle.</summary>
    BloscZstd,

    /// <summary>The <c>blosc</c> codec with zlib inside, byte shuffle.</summary>
    BloscZlib,
}

/// <summary>How the Zarr writer lays arrays out (the zarr format's write section, given with <see cref="ArrayWriteOptions.With{T}"/>).</summary>
public sealed record ZarrWriteOptions
{
    /// <summary>Defaults: chunks of about 4 MiB of whole rows, zstd at level 3, no sharding.</summary>
    public static ZarrWriteOptions Default { get; } = new();

    /// <summary>
    /// The chunk shape, one length per axis of every array written; null chooses whole rows, about 4 MiB a chunk. With
    /// <see cref="Shard"/>, the shape of the inner chunks each shard holds.
    /// </summary>
    public IReadOnlyList<long>? Chunks { get; init; }

    /// <summary>
    /// The shard shape, one length per axis, each a multiple of <see cref="Chunks"/> (which must then be given): each
    /// stored object is a shard of inner chunks behind the <c>sharding_indexed</c> codec, its index (with a CRC-32C) at
    /// the end. Null writes one object per chunk.
    /// </summary>
    public IReadOnlyList<long>? Shard { get; init; }

    /// <summary>The compressor.</summary>
    public ZarrCodec Codec { get; init; } = ZarrCodec.Zstd;

    /// <summary>The compressor's level; null for its default (zstd 3, gzip 5, blosc 5).</summary>
    public int? Level { get; init; }

    /// <summary>Blosc's shuffle filter: true (the default) for byte shuffle, false for none. Ignored by other codecs.</summary>
    public bool Shuffle { get; init; } = true;
}
