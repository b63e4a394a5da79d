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
}

/// <summary>How the Zarr writer lays arrays out (the zarr format's write section, given with <see cref="ArrayWriteOptions.With{T}"/>).</summary>
public sealed record ZarrWriteOptions
{
    /// <summary>Defaults: chunks of about 4 MiB of whole rows, zstd at level 3.</summary>
    public static ZarrWriteOptions Default { get; } = new();

    /// <summary>The chunk shape, one length per axis of every array written; null chooses whole rows, about 4 MiB a chunk.</summary>
    public IReadOnlyList<long>? Chunks { get; init; }

    /// <summary>The compressor.</summary>
    public ZarrCodec Codec { get; init; } = ZarrCodec.Zstd;

    /// <summary>The compressor's level; null for its default (zstd 3, gzip 5).</summary>
    public int? Level { get; init; }
}
