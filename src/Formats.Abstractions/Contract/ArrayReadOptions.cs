namespace Formats;

/// <summary>Options for reading, passed to <see cref="IArrayFormat.CreateReader"/>.</summary>
public sealed record ArrayReadOptions
{
    /// <summary>NumPy's default <c>max_header_size</c>.</summary>
    public const int DefaultMaxHeaderSize = 10_000;

    /// <summary>Defaults: NumPy's header limit, no layout.</summary>
    public static ArrayReadOptions Default { get; } = new();

    /// <summary>Longest header (in characters) a reader accepts before parsing; guards against hostile files.</summary>
    public int MaxHeaderSize { get; init; } = DefaultMaxHeaderSize;

    /// <summary>The layout of headerless data (raw buffers): dtype, optional shape, offset and order.</summary>
    public RawLayout? Layout { get; init; }

    /// <summary>Largest ratio of inflated to compressed size a compressed member may have before it is treated as a zip bomb.</summary>
    public double MaxCompressionRatio { get; init; } = 1032;

    /// <summary>
    /// Threads a reader may use to decompress one array (NPZ members our writer deflated carry an index of
    /// independent pieces); 1 decompresses on the reading thread only. Defaults to the processor count.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>The caller's description of headerless data.</summary>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions; null means 1-D, as many elements as the bytes after <paramref name="Offset"/> hold.</param>
/// <param name="Offset">Bytes to skip before the data.</param>
/// <param name="Order">Element order.</param>
public sealed record RawLayout(DType DType, ArrayShape? Shape = null, long Offset = 0, ArrayOrder Order = ArrayOrder.C);
