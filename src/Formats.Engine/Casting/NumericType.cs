namespace Formats.Casting;

/// <summary>The numeric dtypes a cast works on, byte order aside.</summary>
internal enum NumericType : byte
{
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
    Complex64,
    Complex128,
}

internal static class NumericTypes
{
    /// <summary>The numeric type of <paramref name="dtype"/>, or null (structured, text, datetime, long double...).</summary>
    public static NumericType? Of(DType dtype) => (dtype.Kind, dtype.ItemSize) switch
    {
        (DTypeKind.Bool, 1) => NumericType.Bool,
        (DTypeKind.Int, 1) => NumericType.Int8,
        (DTypeKind.Int, 2) => NumericType.Int16,
        (DTypeKind.Int, 4) => NumericType.Int32,
        (DTypeKind.Int, 8) => NumericType.Int64,
        (DTypeKind.UInt, 1) => NumericType.UInt8,
        (DTypeKind.UInt, 2) => NumericType.UInt16,
        (DTypeKind.UInt, 4) => NumericType.UInt32,
        (DTypeKind.UInt, 8) => NumericType.UInt64,
        (DTypeKind.Float, 2) => NumericType.Float16,
        (DTypeKind.Float, 4) => NumericType.Float32,
        (DTypeKind.Float, 8) => NumericType.Float64,
        (DTypeKind.Complex, 8) => NumericType.Complex64,
        (DTypeKind.Complex, 16) => NumericType.Complex128,
        _ => null,
    };

    public static DType ToDType(this NumericType type) => type switch
    {
        NumericType.Bool => DType.Bool,
        NumericType.Int8 => DType.Int8,
        NumericType.Int16 => DType.Int16,
        NumericType.Int32 => DType.Int32,
        NumericType.Int64 => DType.Int64,
        NumericType.UInt8 => DType.UInt8,
        NumericType.UInt16 => DType.UInt16,
        NumericType.UInt32 => DType.UInt32,
        NumericType.UInt64 => DType.UInt64,
        NumericType.Float16 => DType.Float16,
        NumericType.Float32 => DType.Float32,
        NumericType.Float64 => DType.Float64,
        NumericType.Complex64 => DType.Complex64,
        _ => DType.Complex128,
    };

    public static int Size(this NumericType type) => type switch
    {
        NumericType.Bool or NumericType.Int8 or NumericType.UInt8 => 1,
        NumericType.Int16 or NumericType.UInt16 or NumericType.Float16 => 2,
        NumericType.Int32 or NumericType.UInt32 or NumericType.Float32 => 4,
        NumericType.Complex128 => 16,
        _ => 8,
    };

    public static bool IsSigned(this NumericType type) => type is >= NumericType.Int8 and <= NumericType.Int64;

    public static bool IsUnsigned(this NumericType type) => type is >= NumericType.UInt8 and <= NumericType.UInt64;

    public static bool IsInteger(this NumericType type) => type is >= NumericType.Int8 and <= NumericType.UInt64;

    public static bool IsFloat(this NumericType type) => type is >= NumericType.Float16 and <= NumericType.Float64;

    public static bool IsComplex(this NumericType type) => type is NumericType.Complex64 or NumericType.Complex128;

    /// <summary>NumPy's order of kinds for <c>same_kind</c>: bool, unsigned, signed, float, complex.</summary>
    public static int KindOrder(this NumericType type) =>
        type == NumericType.Bool ? 0 : type.IsUnsigned() ? 1 : type.IsSigned() ? 2 : type.IsFloat() ? 3 : 4;
}
