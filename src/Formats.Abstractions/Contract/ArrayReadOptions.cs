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
/// <param name="Shape">Dimensions; null means 1-D, as many elements as the bytes after <paramref name="Offset"/> hold.
/// With <see cref="InferredAxis"/> set, the dimension at that index is a placeholder (0) that the reader replaces.</param>
/// <param name="Offset">Bytes to skip before the data.</param>
/// <param name="Order">Element order.</param>
public sealed record RawLayout(DType DType, ArrayShape? Shape = null, long Offset = 0, ArrayOrder Order = ArrayOrder.C)
{
    /// <summary>
    /// The index of the <see cref="Shape"/> dimension the reader infers from the data size, as NumPy's <c>reshape</c>
    /// infers a <c>-1</c>; null when the shape is complete. An <see cref="ArrayShape"/> holds no negative length, so
    /// the <c>-1</c> lives here; set it with <see cref="WithShape"/>.
    /// </summary>
    public int? InferredAxis { get; init; }

    /// <summary>The dimensions as given, with <c>-1</c> at <see cref="InferredAxis"/>; null when <see cref="Shape"/> is.</summary>
    public long[]? GetShapeWithUnknown()
    {
        if (Shape is null)
        {
            return null;
        }

        var dims = Shape.Dimensions.ToArray();
        if (InferredAxis is { } axis)
        {
            dims[axis] = -1;
        }

        return dims;
    }

    /// <summary>This layout with <paramref name="dimensions"/> as its shape, one of which may be <c>-1</c> (inferred from
    /// the data size when read, as NumPy's <c>reshape</c> does).</summary>
    /// <exception cref="ArrayFormatException">More than one <c>-1</c> or another negative dimension.</exception>
    public RawLayout WithShape(params ReadOnlySpan<long> dimensions)
    {
        var dims = dimensions.ToArray();
        int? unknown = null;
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1 && unknown is null)
            {
                unknown = i;
                dims[i] = 0;
            }
            else if (dims[i] == -1)
            {
                // NumPy's own words for the same mistake.
                throw new ArrayFormatException("can only specify one unknown dimension");
            }
            else if (dims[i] < 0)
            {
                throw new ArrayFormatException($"shape {Literals.PyRepr.Tuple(dimensions.ToArray())} may hold one -1 and otherwise non-negative dimensions");
            }
        }

        return this with { Shape = new ArrayShape(dims), InferredAxis = unknown };
    }

    /// <summary>Parses a raw shape: <see cref="ArrayShape.Parse"/>'s syntax (<c>100,3</c>, <c>(3, 4)</c>), where one
    /// dimension may be <c>-1</c>; pass the result to <see cref="WithShape"/>.</summary>
    /// <exception cref="ArrayFormatException">Not a list of integers, more than one <c>-1</c> or another negative dimension.</exception>
    public static long[] ParseShape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = ShapeText.Parse(text, signed: true, "a list of integers (non-negative, or one -1)");

        // Checks the -1s now, so a bad shape is refused where it is given.
        _ = new RawLayout(DType.UInt8).WithShape(values);
        return values;
    }
}

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
