namespace Formats;

/// <summary>Runtime settings of the engine, bound through the options pattern (section <c>Formats</c>).</summary>
public sealed class ArrayFormatsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Formats";

    /// <summary>Longest header accepted when reading (NumPy's <c>max_header_size</c>).</summary>
    public int MaxHeaderSize { get; set; } = ArrayReadOptions.DefaultMaxHeaderSize;

    /// <summary>Bytes moved per step when streaming data between files.</summary>
    public int CopyBufferSize { get; set; } = 4 << 20;

    /// <summary>Largest inflated-to-compressed ratio a compressed member may reach before it is treated as a zip bomb.</summary>
    public double MaxCompressionRatio { get; set; } = DecompressionLimits.DefaultMaxCompressionRatio;

    /// <summary>Threads a writer may use for compression, and a reader for decompression (default: the processor count).</summary>
    public int MaxDegreeOfParallelism { get; set; } = ArrayReadOptions.Default.MaxDegreeOfParallelism;
}
