using System.Collections;
using Formats.Literals;

namespace Formats;

/// <summary>
/// The lengths of an array's dimensions as 64-bit integers. Empty for a 0-d (scalar) array; a zero length
/// is valid. Immutable, compared by value; <see cref="ToString"/> prints Python's tuple repr.
/// </summary>
public sealed class ArrayShape : IEquatable<ArrayShape>, IReadOnlyList<long>
{
    private readonly long[] dims;

    /// <summary>Creates a shape.</summary>
    /// <exception cref="MalformedArrayException">A length is negative or the element count overflows 64 bits.</exception>
    public ArrayShape(params ReadOnlySpan<long> dimensions)
    {
        dims = dimensions.ToArray();
        var count = 1L;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new MalformedArrayException($"shape {PyRepr.Tuple(dims)} has a negative dimension");
            }

            count = MultiplyOrThrow(count, d, "element count of shape " + PyRepr.Tuple(dims));
        }

        ElementCount = count;
    }

    /// <summary>The 0-d shape <c>()</c>.</summary>
    public static ArrayShape Scalar { get; } = new();

    /// <summary>Number of dimensions.</summary>
    public int Rank => dims.Length;

    /// <summary>Product of the lengths (1 for 0-d).</summary>
    public long ElementCount { get; }

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<long> Dimensions => dims;

    /// <inheritdoc />
    public int Count => dims.Length;

    /// <inheritdoc />
    public long this[int index] => dims[index];

    /// <summary>The same shape with dimension 0 replaced.</summary>
    public ArrayShape WithLength0(long length)
    {
        if (dims.Length == 0)
        {
            throw new InvalidOperationException("a 0-d shape has no axis 0");
        }

        var copy = (long[])dims.Clone();
        copy[0] = length;
        return new ArrayShape(copy);
    }

    /// <summary>Elements in one step along axis 0 (the product of the other dimensions).</summary>
    public long ElementsPerRow
    {
        get
        {
            var n = 1L;
            for (var i = 1; i < dims.Length; i++)
            {
                n = MultiplyOrThrow(n, dims[i], "row size");
            }

            return n;
        }
    }

    /// <summary>Checked multiplication raising <see cref="MalformedArrayException"/> on overflow.</summary>
    public static long MultiplyOrThrow(long a, long b, string what)
    {
        var product = Math.BigMul(a, b, out long low);
        if (product != 0 || low < 0)
        {
            throw new MalformedArrayException($"{what} overflows 64 bits");
        }

        return low;
    }

    /// <inheritdoc />
    public bool Equals(ArrayShape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ArrayShape);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in dims)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Python's repr of the shape tuple: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    public override string ToString() => PyRepr.Tuple(dims);

    /// <summary>Parses <c>3,4</c>, <c>(3, 4)</c>, <c>5</c> or <c>()</c>. A raw layout's shape with a <c>-1</c> to infer is
    /// parsed by <see cref="RawLayout.ParseShape"/> instead: a shape holds no negative length.</summary>
    /// <exception cref="ArrayFormatException">The text is not a list of non-negative integers.</exception>
    public static ArrayShape Parse(string text)
    {
        var values = ShapeText.Parse(text, signed: false, "a list of non-negative integers");
        return new ArrayShape(values);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(ArrayShape? left, ArrayShape? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ArrayShape? left, ArrayShape? right) => !(left == right);
}
