using Formats.IO;

namespace Formats.Plugins.Raw.Reading;

/// <summary>Applies the caller's layout to the bytes after the offset, checking that the length matches exactly.</summary>
internal sealed class RawReader : SingleArrayReader
{
    private const int MaxDimensions = 64;

    private RawReader(Stream stream, long dataStart, ArrayHeader header)
        : base(stream, dataStart, new ArrayEntry("", header) { StoredLength = header.ByteLength })
    {
    }

    protected override string FileKind => "a raw buffer";

    public static RawReader Open(Stream stream, ArrayReadOptions options)
    {
        var layout = options.Get<RawLayout>()
            ?? throw new LayoutRequiredException("a raw buffer has no header: give its dtype, and optionally its shape, offset and order", RawLayoutPart.DType);
        if (layout.Offset < 0)
        {
            throw new ArrayFormatException($"offset {layout.Offset} is negative");
        }

        var start = stream.CanSeek ? stream.Position : 0;
        var available = StreamIO.RemainingLength(stream);
        if (available is { } total && layout.Offset > total)
        {
            throw new MalformedArrayException($"offset {layout.Offset} is past the end of the {total}-byte file");
        }

        var afterOffset = available - layout.Offset;
        var header = new ArrayHeader(layout.DType, ShapeOf(layout, afterOffset), layout.Order);
        if (header.Shape.Rank > MaxDimensions)
        {
            // np.memmap and reshape refuse it too: every NumPy array has at most 64 dimensions.
            throw new UnsupportedArrayException($"shape {header.Shape} has {header.Shape.Rank} dimensions; NumPy arrays have at most {MaxDimensions}");
        }

        if (afterOffset is { } have && have != header.ByteLength)
        {
            throw new MalformedArrayException(have < header.ByteLength
                ? $"the file holds {have} bytes after offset {layout.Offset}, fewer than the {header.ByteLength} that {layout.DType} {header.Shape} needs"
                : $"the file holds {have} bytes after offset {layout.Offset}, more than the {header.ByteLength} that {layout.DType} {header.Shape} needs");
        }

        return new RawReader(stream, start + layout.Offset, header);
    }

    private static ArrayShape ShapeOf(RawLayout layout, long? afterOffset)
    {
        if (layout.Shape is not { } shape)
        {
            return new ArrayShape(ItemsAfterOffset(layout, afterOffset));
        }

        if (layout.InferredAxis is not { } axis)
        {
            return shape;
        }

        // np.fromfile(...).reshape(...): the -1 takes what the other dimensions leave, which must divide exactly.
        var items = ItemsAfterOffset(layout, afterOffset);
        var known = 1L;
        for (var i = 0; i < shape.Rank; i++)
        {
            known = i == axis ? known : ArrayShape.MultiplyOrThrow(known, shape[i], "element count of shape " + ReshapeText(layout));
        }

        if (known == 0 || items % known != 0)
        {
            // NumPy's own words, its shape printed as NumPy prints it.
            throw new MalformedArrayException($"cannot reshape array of size {items} into shape {ReshapeText(layout)}");
        }

        var dims = shape.Dimensions.ToArray();
        dims[axis] = items / known;
        return new ArrayShape(dims);
    }

    // NumPy's convert_shape_to_string: a -1 is "newaxis", and leading ones are left out ((-1, 64) prints as "(64)").
    private static string ReshapeText(RawLayout layout)
    {
        var dims = layout.GetShapeWithUnknown() ?? [];
        var first = 0;
        while (first < dims.Length && dims[first] < 0)
        {
            first++;
        }

        if (first == dims.Length)
        {
            return "()";
        }

        var parts = dims[first..].Select(d => d < 0 ? "newaxis" : d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return dims.Length == 1 ? $"({parts.First()},)" : $"({string.Join(',', parts)})";
    }

    // As many items as the bytes after the offset hold (np.fromfile's count=-1).
    private static long ItemsAfterOffset(RawLayout layout, long? afterOffset)
    {
        var itemSize = layout.DType.ItemSize;
        if (afterOffset is not { } bytes)
        {
            throw new LayoutRequiredException(layout.InferredAxis is null
                ? "the length of an unseekable raw input is unknown: give its shape"
                : "the length of an unseekable raw input is unknown: give its shape without -1", RawLayoutPart.Shape);
        }

        if (itemSize == 0)
        {
            throw new LayoutRequiredException($"dtype {layout.DType} has zero-size items: give a shape", RawLayoutPart.Shape);
        }

        if (bytes % itemSize != 0)
        {
            throw new MalformedArrayException($"the {bytes} bytes after offset {layout.Offset} are not a whole number of {itemSize}-byte {layout.DType} items");
        }

        return bytes / itemSize;
    }
}
