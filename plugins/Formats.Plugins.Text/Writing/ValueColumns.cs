using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Formats.Plugins.Text.Printing;

namespace Formats.Plugins.Text.Writing;

/// <summary>
/// How one element of a dtype becomes text columns, as <c>np.savetxt</c> prints it: a number is one column; a
/// complex number is one column <c> (RE+IMj)</c>; a structured element is one column per field.
/// </summary>
internal sealed class ValueColumns
{
    private readonly List<(int Offset, DType DType)> parts = [];

    private ValueColumns(DType dtype, string fmt)
    {
        if (dtype.Fields.Count > 0)
        {
            foreach (var field in dtype.Fields)
            {
                Require(field.DType, dtype, fmt, allowComplex: false);
                parts.Add((field.Offset, field.DType));
            }
        }
        else
        {
            Require(dtype, dtype, fmt, allowComplex: true);
            parts.Add((0, dtype));
        }

        IsComplex = dtype.Kind == DTypeKind.Complex;
    }

    /// <summary>True when elements are complex: NumPy then writes <c>+-</c> as <c>-</c> in every line.</summary>
    public bool IsComplex { get; }

    /// <summary>Text columns per element.</summary>
    public int Count => parts.Count;

    /// <summary>The columns for <paramref name="dtype"/>.</summary>
    /// <exception cref="UnsupportedArrayException">A dtype NumPy cannot print with a number format.</exception>
    public static ValueColumns For(DType dtype, string fmt) => new(dtype, fmt);

    /// <summary>Appends the element at the start of <paramref name="item"/>, columns separated by <paramref name="delimiter"/>.</summary>
    public void Append(StringBuilder line, ReadOnlySpan<byte> item, PrintfFormat format, string delimiter)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                line.Append(delimiter);
            }

            var (offset, dtype) = parts[i];
            var bytes = item[offset..];
            if (dtype.Kind == DTypeKind.Complex)
            {
                var half = dtype.ItemSize / 2;
                line.Append(" (");
                AppendReal(line, bytes, DType.Primitive(DTypeKind.Float, half, dtype.ByteOrder), format);
                line.Append('+');
                AppendReal(line, bytes[half..], DType.Primitive(DTypeKind.Float, half, dtype.ByteOrder), format);
                line.Append("j)");
            }
            else
            {
                AppendReal(line, bytes, dtype, format);
            }
        }
    }

    private static void AppendReal(StringBuilder line, ReadOnlySpan<byte> bytes, DType dtype, PrintfFormat format)
    {
        var big = dtype.ByteOrder == ByteOrder.Big;
        switch (dtype.Kind, dtype.ItemSize)
        {
            case (DTypeKind.Bool, _):
                format.Append(line, new BigInteger(bytes[0] != 0 ? 1 : 0));
                break;
            case (DTypeKind.Int, 1):
                format.Append(line, new BigInteger((sbyte)bytes[0]));
                break;
            case (DTypeKind.Int, 2):
                format.Append(line, new BigInteger(big ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes)));
                break;
            case (DTypeKind.Int, 4):
                format.Append(line, new BigInteger(big ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes)));
                break;
            case (DTypeKind.Int, 8):
                format.Append(line, new BigInteger(big ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes)));
                break;
            case (DTypeKind.UInt, 1):
                format.Append(line, new BigInteger(bytes[0]));
                break;
            case (DTypeKind.UInt, 2):
                format.Append(line, new BigInteger(big ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes)));
                break;
            case (DTypeKind.UInt, 4):
                format.Append(line, new BigInteger(big ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes)));
                break;
            case (DTypeKind.UInt, 8):
                format.Append(line, new BigInteger(big ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes)));
                break;
            case (DTypeKind.Float, 2):
                format.Append(line, (double)(big ? BinaryPrimitives.ReadHalfBigEndian(bytes) : BinaryPrimitives.ReadHalfLittleEndian(bytes)));
                break;
            case (DTypeKind.Float, 4):
                format.Append(line, (double)(big ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes)));
                break;
            case (DTypeKind.Float, 8):
                format.Append(line, big ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes));
                break;
            default:
                throw new InvalidOperationException($"dtype {dtype} was not checked");
        }
    }

    private static void Require(DType part, DType whole, string fmt, bool allowComplex)
    {
        var printable = part.Kind switch
        {
            DTypeKind.Bool or DTypeKind.Int or DTypeKind.UInt => true,
            DTypeKind.Float => part.ItemSize is 2 or 4 or 8,
            DTypeKind.Complex => allowComplex && part.ItemSize is 8 or 16,
            _ => false,
        };
        if (!printable)
        {
            // NumPy's words for the same refusal: "Mismatch between array dtype ('<U1') and format specifier ('%.18e')".
            throw new UnsupportedArrayException(
                $"dtype {whole} cannot be written as text with format '{fmt}': only booleans, integers, float16/32/64, complex64/128 and structured arrays of those are (as np.savetxt)");
        }
    }
}
