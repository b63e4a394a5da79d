using System.Text;

namespace Formats.Printing;

/// <summary>
/// The part of an array NumPy's repr looks at: every item when the array has at most <c>threshold</c> items, else
/// only the first and last <c>edgeitems</c> along every axis longer than twice that (NumPy's <c>_leading_trailing</c>).
/// The kept items lie in <see cref="Buffer"/> in C order over <see cref="KeptShape"/>.
/// </summary>
internal sealed class PrintedArray
{
    public PrintedArray(DType dtype, long[] shape, bool summarised, int edgeItems, byte[] buffer)
    {
        DType = dtype;
        Shape = shape;
        Summarised = summarised;
        EdgeItems = edgeItems;
        Buffer = buffer;
        // An empty array keeps nothing: its other axes may be longer than an int.
        KeptShape = shape.Contains(0)
            ? new int[shape.Length]
            : [.. shape.Select(n => IsCut(n, summarised, edgeItems) ? 2 * edgeItems : (int)n)];
    }

    public DType DType { get; }

    /// <summary>The whole array's shape.</summary>
    public long[] Shape { get; }

    public bool Summarised { get; }

    public int EdgeItems { get; }

    public int[] KeptShape { get; }

    public byte[] Buffer { get; }

    public int KeptCount => KeptShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Whether an axis of <paramref name="length"/> is shown as its edges and <c>...</c>.</summary>
    public static bool IsCut(long length, bool summarised, int edgeItems) => summarised && length > 2 * edgeItems;

    /// <summary>The kept positions along an axis of <paramref name="length"/>.</summary>
    public static IEnumerable<long> Kept(long length, bool summarised, int edgeItems) => IsCut(length, summarised, edgeItems)
        ? Enumerable.Range(0, edgeItems).Select(i => (long)i).Concat(Enumerable.Range(0, edgeItems).Select(i => length - edgeItems + i))
        : Enumerable.Range(0, (int)length).Select(i => (long)i);

    /// <summary>NumPy's <c>repr</c> of the array.</summary>
    public string Repr(int lineWidth, int precision)
    {
        var count = Shape.Aggregate(1L, (a, b) => a * b);
        var skipDType = DTypeText.IsImplied(DType) && count > 0;
        const string prefix = "array(";
        var suffix = skipDType ? ")" : ",";
        string body;
        if (count > 0)
        {
            var offsets = Enumerable.Range(0, KeptCount).Select(i => i * DType.ItemSize).ToList();
            var format = ElementFormat.Create(DType, Buffer, offsets, Shape.Length == 0, precision);
            body = Layout(format, lineWidth - suffix.Length, new string(' ', prefix.Length + 1));
        }
        else
        {
            body = Shape is [0] ? "[]" : "[], shape=" + new ArrayShape(Shape);
        }

        var text = prefix + body + suffix;
        if (skipDType)
        {
            return text;
        }

        var dtype = "dtype=" + DTypeText.ShortRepr(DType) + ")";
        var lastLine = text.Length - (text.LastIndexOf('\n') + 1);
        var spacer = lastLine + dtype.Length + 1 > lineWidth ? "\n" + new string(' ', prefix.Length) : " ";
        return text + spacer + dtype;
    }

    // NumPy's _formatArray: rows wrap at the line width, deeper axes are separated by blank lines.
    private string Layout(ElementFormat format, int lineWidth, string hangingIndent)
    {
        var strides = new int[KeptShape.Length];
        var stride = DType.ItemSize;
        for (var i = KeptShape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= KeptShape[i];
        }

        return Recurse(0, 0, hangingIndent, lineWidth);

        string Recurse(int axis, int offset, string indent, int width)
        {
            if (axis == Shape.Length)
            {
                return format.Format(Buffer, offset);
            }

            var nextIndent = indent + " ";
            var nextWidth = width - 1;
            var length = Shape[axis];
            var cut = IsCut(length, Summarised, EdgeItems);
            var kept = KeptShape[axis];

            // Kept positions in order; -1 marks where NumPy writes "...".
            var positions = new List<int>();
            for (var i = 0; i < kept; i++)
            {
                if (cut && i == EdgeItems)
                {
                    positions.Add(-1);
                }

                positions.Add(i);
            }

            var sb = new StringBuilder();
            var axesLeft = Shape.Length - axis;
            if (axesLeft == 1)
            {
                var elementWidth = width - 1;
                var line = indent;
                for (var k = 0; k < positions.Count; k++)
                {
                    var word = positions[k] < 0 ? "..." : Recurse(axis + 1, offset + positions[k] * strides[axis], nextIndent, nextWidth);
                    if (line.Length + word.Length > elementWidth && line.Length > indent.Length)
                    {
                        sb.Append(line.TrimEnd()).Append('\n');
                        line = indent;
                    }

                    line += word;
                    if (k < positions.Count - 1)
                    {
                        line += ", ";
                    }
                }

                sb.Append(line);
            }
            else
            {
                var separator = "," + new string('\n', axesLeft - 1);
                for (var k = 0; k < positions.Count; k++)
                {
                    var nested = positions[k] < 0 ? "..." : Recurse(axis + 1, offset + positions[k] * strides[axis], nextIndent, nextWidth);
                    sb.Append(indent).Append(nested);
                    if (k < positions.Count - 1)
                    {
                        sb.Append(separator);
                    }
                }
            }

            return "[" + sb.ToString(indent.Length, sb.Length - indent.Length) + "]";
        }
    }
}
