namespace Formats;

/// <summary>What an array is, without its data: dtype, shape and element order.</summary>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Order">C (row-major) or Fortran (column-major) element order.</param>
public sealed record ArrayHeader(DType DType, ArrayShape Shape, ArrayOrder Order = ArrayOrder.C)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.ElementCount;

    /// <summary>Bytes of data: element count × item size.</summary>
    /// <exception cref="MalformedArrayException">The size overflows 64 bits.</exception>
    public long ByteLength => ArrayShape.MultiplyOrThrow(Shape.ElementCount, DType.ItemSize, $"byte size of shape {Shape} × {DType.ItemSize}-byte items");

    /// <summary>Bytes in one step along axis 0 (C order).</summary>
    public long RowByteLength => ArrayShape.MultiplyOrThrow(Shape.ElementsPerRow, DType.ItemSize, "row size");

    /// <summary>True when Fortran-ordered.</summary>
    public bool FortranOrder => Order == ArrayOrder.Fortran;

    /// <summary>
    /// True when the data layout is Fortran and not also C: more than one dimension longer than 1 and no zero
    /// dimension. NumPy writes every other array as C order, whatever order it was created in.
    /// </summary>
    public bool IsFortranOnly => Order == ArrayOrder.Fortran && ElementCount > 0 && Shape.Count(d => d > 1) > 1;

    /// <summary>A 1-D or N-D C-order header.</summary>
    public static ArrayHeader Create(DType dtype, params long[] shape) => new(dtype, new ArrayShape(shape));
}
