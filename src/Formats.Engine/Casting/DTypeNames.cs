namespace Formats.Casting;

/// <summary>NumPy's names of the numeric dtypes (<c>uint8</c>, <c>float32</c>...), for messages.</summary>
internal static class DTypeNames
{
    public static string Of(DType dtype) => NumericTypes.Of(dtype) switch
    {
        NumericType.Bool => "bool",
        NumericType.Int8 => "int8",
        NumericType.Int16 => "int16",
        NumericType.Int32 => "int32",
        NumericType.Int64 => "int64",
        NumericType.UInt8 => "uint8",
        NumericType.UInt16 => "uint16",
        NumericType.UInt32 => "uint32",
        NumericType.UInt64 => "uint64",
        NumericType.Float16 => "float16",
        NumericType.Float32 => "float32",
        NumericType.Float64 => "float64",
        NumericType.Complex64 => "complex64",
        NumericType.Complex128 => "complex128",
        _ => dtype.ToString(),
    };
}
