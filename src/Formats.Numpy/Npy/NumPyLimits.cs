namespace Formats.Numpy;

/// <summary>
/// What an ndarray can hold in every NumPy: at most 64 dimensions (NumPy 2's limit; 1.x stops at 32), and a data
/// size, leaving out zero-length axes, within <c>intp</c>. An NPY file beyond them is one no NumPy loads.
/// </summary>
internal static class NumPyLimits
{
    /// <summary>NumPy's <c>NPY_MAXDIMS</c> from 2.0 on.</summary>
    public const int MaxDimensions = 64;

    /// <summary>Why NumPy refuses an array of <paramref name="header"/>'s shape and dtype; null when it does not.</summary>
    public static string? Problem(ArrayHeader header)
    {
        var shape = header.Shape;
        if (shape.Rank > MaxDimensions)
        {
            return $"shape has {shape.Rank} dimensions; NumPy arrays have at most {MaxDimensions}";
        }

        // As PyArray_NewFromDescr checks it: the item size times every non-zero length, so (0, 2**63 - 1) is too big
        // for 8-byte items though it holds no element.
        var bytes = (long)header.DType.ItemSize;
        foreach (var length in shape)
        {
            if (length == 0)
            {
                continue;
            }

            if (bytes != 0 && length > long.MaxValue / bytes)
            {
                return $"shape {shape} of {header.DType.ItemSize}-byte items is too big for NumPy: without its zero-length axes it spans more than 2**63 - 1 bytes";
            }

            bytes *= length;
        }

        return null;
    }
}
