using System.Buffers.Binary;

namespace Formats.Printing;

/// <summary>Reads one scalar of a primitive dtype from its bytes, in the dtype's byte order.</summary>
internal static class ItemValues
{
    public static Int128 Integer(ReadOnlySpan<byte> b, DType t)
    {
        var big = t.ByteOrder == ByteOrder.Big;
        return (t.Kind, t.ItemSize) switch
        {
            (DTypeKind.UInt, 1) => b[0],
            (DTypeKind.Int, 1) => (sbyte)b[0],
            (DTypeKind.UInt, 2) => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
            (DTypeKind.Int, 2) => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
            (DTypeKind.UInt, 4) => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
            (DTypeKind.Int, 4) => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
            (DTypeKind.UInt, 8) => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
            _ => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
        };
    }

    /// <summary>A float of 2, 4 or 8 bytes, widened exactly to double.</summary>
    public static double Float(ReadOnlySpan<byte> b, int size, ByteOrder order)
    {
        var big = order == ByteOrder.Big;
        return size switch
        {
            2 => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
            4 => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
            _ => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        };
    }

    public static FloatWidth Width(int size) => size switch { 2 => FloatWidth.Half, 4 => FloatWidth.Single, _ => FloatWidth.Double };

    /// <summary>The code points of a UCS-4 item, trailing NULs dropped as NumPy's <c>str_</c> does.</summary>
    public static int[] CodePoints(ReadOnlySpan<byte> b, ByteOrder order)
    {
        var n = b.Length / 4;
        while (n > 0 && BinaryPrimitives.ReadInt32LittleEndian(b.Slice((n - 1) * 4, 4)) == 0)
        {
            n--;
        }

        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            var item = b.Slice(i * 4, 4);
            result[i] = order == ByteOrder.Big ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item);
        }

        return result;
    }

    /// <summary>A byte string without its trailing NULs, as NumPy's <c>bytes_</c>.</summary>
    public static ReadOnlySpan<byte> TrimNuls(ReadOnlySpan<byte> b) => b[..(b.LastIndexOfAnyExcept((byte)0) + 1)];
}
