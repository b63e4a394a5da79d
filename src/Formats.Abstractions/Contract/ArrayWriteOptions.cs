namespace Formats;

/// <summary>Options for writing, passed to <see cref="IArrayFormat.CreateWriter"/>.</summary>
public sealed record ArrayWriteOptions
{
    /// <summary>Defaults: uncompressed.</summary>
    public static ArrayWriteOptions Default { get; } = new();

    /// <summary>Compress where the format can, at <see cref="CompressionLevel"/> or the format's default level.</summary>
    public bool Compress { get; init; }

    /// <summary>Compression level 0 (stored) to 9 (smallest); null for the format's default. Implies <see cref="Compress"/> when above 0.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Threads a writer may use for compression; defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
