using System.Collections.Immutable;

namespace Formats;

/// <summary>
/// Options for writing, passed to <see cref="IWritableArrayFormat.CreateWriter"/>: what every writer honours (compression,
/// alignment), plus per-format sections (such as the text formats' <c>TextWriteOptions</c>) that only the formats
/// they concern look at.
/// </summary>
public sealed record ArrayWriteOptions
{
    private ImmutableDictionary<Type, object> sections = ImmutableDictionary<Type, object>.Empty;

    /// <summary>Defaults: uncompressed.</summary>
    public static ArrayWriteOptions Default { get; } = new();

    /// <summary>Compress where the format can, at <see cref="CompressionLevel"/> or the format's default level.</summary>
    public bool Compress { get; init; }

    /// <summary>Compression level 0 (stored) to 9 (smallest); null for the format's default. When given, it alone decides (see <see cref="IsCompressed"/>).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Threads a writer may use for compression; defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Byte boundary (a power of two up to 65,536; 0 or 1 for none, the default) on which each uncompressed array's
    /// data should start in the file, so that it can be mapped with pages or vector loads aligned. Formats that can
    /// pad without changing what readers see honour it (NPZ pads the local header of stored members with an extra
    /// field, docs/npz.md); the others ignore it.
    /// </summary>
    public int Alignment { get; init; }

    /// <summary>
    /// Whether output is compressed, the one rule for every format and the engine: a level decides (above 0 means
    /// compressed, 0 means stored); without a level, <see cref="Compress"/> does.
    /// </summary>
    public bool IsCompressed => CompressionLevel is { } level ? level > 0 : Compress;

    /// <summary>The section of type <typeparamref name="T"/>, or null when none was given.</summary>
    public T? Get<T>()
        where T : class => sections.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>These options with <paramref name="section"/> added (or replacing one of its type).</summary>
    public ArrayWriteOptions With<T>(T section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(section);
        return this with { sections = sections.SetItem(typeof(T), section) };
    }
}
