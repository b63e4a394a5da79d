namespace Formats;

/// <summary>
/// The outcome of <see cref="ArrayFiles.DiffAsync(string, string, DiffRequest?, CancellationToken)"/>: both arrays' headers, whether their shapes differ, and otherwise
/// how many elements differ and the first of them in C order (a Fortran-ordered array is compared by logical index).
/// A dtype difference alone does not make the arrays different, as in <c>np.array_equal</c>
/// (<c>np.array_equal(np.int32([1]), np.float64([1]))</c> is true); it is reported by <see cref="DTypesDiffer"/>.
/// </summary>
public sealed class ArrayDiff
{
    internal ArrayDiff(ArrayHeader a, ArrayHeader b, long count, IReadOnlyList<ElementDifference> differences)
    {
        A = a;
        B = b;
        DifferenceCount = count;
        Differences = differences;
    }

    /// <summary>The first array's header.</summary>
    public ArrayHeader A { get; }

    /// <summary>The second array's header.</summary>
    public ArrayHeader B { get; }

    /// <summary>The dtypes differ (byte order included); values were still compared, after NumPy's promotion.</summary>
    public bool DTypesDiffer => A.DType != B.DType;

    /// <summary>The shapes differ; then no values were compared.</summary>
    public bool ShapesDiffer => !A.Shape.Dimensions.SequenceEqual(B.Shape.Dimensions);

    /// <summary>How many elements differ (0 when the shapes differ).</summary>
    public long DifferenceCount { get; }

    /// <summary>The first differing elements in C order, at most <see cref="DiffRequest.MaxDifferences"/>.</summary>
    public IReadOnlyList<ElementDifference> Differences { get; }

    /// <summary>Same shape and every value equal (or close): <c>np.array_equal</c> (or <c>np.allclose</c>) is true.</summary>
    public bool Equal => !ShapesDiffer && DifferenceCount == 0;
}

/// <summary>One differing element.</summary>
/// <param name="FlatIndex">Its flat index in C order.</param>
/// <param name="Index">Its index along each axis (what <c>np.argwhere</c> gives).</param>
/// <param name="A">The first array's value, as NumPy prints it (<c>0.1</c>, <c>nan</c>, <c>(1+2j)</c>).</param>
/// <param name="B">The second array's value, as NumPy prints it.</param>
public sealed record ElementDifference(long FlatIndex, IReadOnlyList<long> Index, string A, string B);
