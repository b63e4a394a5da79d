using System.Collections.Immutable;

namespace Formats;

/// <summary>
/// Options for reading, passed to <see cref="IArrayFormat.CreateReader"/>: limits every reader honours, plus
/// per-format sections (a <see cref="RawLayout"/> for headerless data, <see cref="DecompressionLimits"/> for
/// compressed members) that only the formats they concern look at.
/// </summary>
public sealed record ArrayReadOptions
{
    /// <summary>NumPy's default <c>max_header_size</c>.</summary>
    public const int DefaultMaxHeaderSize = 10_000;

    private ImmutableDictionary<Type, object> sections = ImmutableDictionary<Type, object>.Empty;

    /// <summary>Defaults: NumPy's header limit, every core, no sections.</summary>
    public static ArrayReadOptions Default { get; } = new();

    /// <summary>Longest header (in characters) a reader accepts before parsing; guards against hostile files.</summary>
    public int MaxHeaderSize { get; init; } = DefaultMaxHeaderSize;

    /// <summary>Threads a reader may use for one array (decompression); 1 reads on the calling thread only.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The section of type <typeparamref name="T"/>, or null when none was given.</summary>
    public T? Get<T>()
        where T : class => sections.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>These options with <paramref name="section"/> added (or replacing one of its type).</summary>
    public ArrayReadOptions With<T>(T section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(section);
        return this with { sections = sections.SetItem(typeof(T), section) };
    }
}

/// <summary>The caller's description of headerless data (the raw format's read section).</summary>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions; null means 1-D, as many elements as the bytes after <paramref name="Offset"/> hold.</param>
/// <param name="Offset">Bytes to skip before the data.</param>
/// <param name="Order">Element order.</param>
public sealed record RawLayout(DType DType, ArrayShape? Shape = null, long Offset = 0, ArrayOrder Order = ArrayOrder.C);

/// <summary>Limits for compressed data (the NPZ format's read section).</summary>
public sealed record DecompressionLimits
{
    /// <summary>The default ratio: deflate cannot shrink data by more than about 1032 to 1.</summary>
    public const double DefaultMaxCompressionRatio = 1032;

    /// <summary>Defaults.</summary>
    public static DecompressionLimits Default { get; } = new();

    /// <summary>Largest ratio of inflated to compressed size a compressed member may have before it is treated as a zip bomb.</summary>
    public double MaxCompressionRatio { get; init; } = DefaultMaxCompressionRatio;
}
