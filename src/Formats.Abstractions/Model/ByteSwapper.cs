using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Formats;

/// <summary>
/// Swaps the byte order of items of a dtype in place. Complex numbers swap each component, unicode swaps each
/// code point, structured items swap field by field and leave padding alone.
/// </summary>
internal sealed class ByteSwapper
{
    private readonly (int Offset, int Unit, int Count)[] segments;
    private readonly int itemSize;
    private readonly int wholeItemUnit;

    private ByteSwapper(DType dtype)
    {
        itemSize = dtype.ItemSize;
        var list = new List<(int, int, int)>();
        Collect(dtype, 0, list);
        segments = [.. list];
        // One segment filling the item: the whole buffer is a run of same-width units, swapped vectorised.
        wholeItemUnit = segments is [(0, var unit, var count)] && unit * count == itemSize ? unit : 0;
    }

    /// <summary>A swapper for <paramref name="dtype"/>.</summary>
    public static ByteSwapper For(DType dtype) => new(dtype);

    /// <summary>True when the dtype has nothing to swap.</summary>
    public bool IsNoOp => segments.Length == 0;

    /// <summary>Swaps every item in <paramref name="data"/>, whose length must be a multiple of the item size.</summary>
    public void SwapInPlace(Span<byte> data)
    {
        if (segments.Length == 0 || data.IsEmpty)
        {
            return;
        }

        if (data.Length % itemSize != 0)
        {
            throw new ArgumentException($"buffer of {data.Length} bytes is not whole {itemSize}-byte items", nameof(data));
        }

        if (wholeItemUnit != 0)
        {
            SwapUnits(data, wholeItemUnit);
            return;
        }

        for (var start = 0; start < data.Length; start += itemSize)
        {
            var item = data.Slice(start, itemSize);
            foreach (var (offset, unit, count) in segments)
            {
                SwapUnits(item.Slice(offset, unit * count), unit);
            }
        }
    }

    private static void SwapUnits(Span<byte> span, int unit)
    {
        switch (unit)
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(span);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(span);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(span);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
            default:
                for (var o = 0; o < span.Length; o += unit)
                {
                    span.Slice(o, unit).Reverse();
                }

                break;
        }
    }

    private static void Collect(DType dtype, int offset, List<(int, int, int)> into)
    {
        switch (dtype.Kind)
        {
            case DTypeKind.Structured:
                foreach (var f in dtype.Fields)
                {
                    Collect(f.DType, offset + f.Offset, into);
                }

                break;
            case DTypeKind.Subarray:
                var baseType = dtype.SubarrayBase!;
                var n = dtype.ItemSize / Math.Max(baseType.ItemSize, 1);
                if (baseType.IsPrimitive || baseType.Kind == DTypeKind.Unicode)
                {
                    Add(baseType, offset, n, into);
                }
                else
                {
                    for (var k = 0; k < n; k++)
                    {
                        Collect(baseType, offset + (k * baseType.ItemSize), into);
                    }
                }

                break;
            default:
                Add(dtype, offset, 1, into);
                break;
        }
    }

    private static void Add(DType dtype, int offset, int items, List<(int, int, int)> into)
    {
        if (dtype.ByteOrder == ByteOrder.NotApplicable || dtype.ItemSize == 0)
        {
            return;
        }

        var unit = dtype.Kind switch
        {
            DTypeKind.Complex => dtype.ItemSize / 2,
            DTypeKind.Unicode => 4,
            _ => dtype.ItemSize,
        };
        into.Add((offset, unit, dtype.ItemSize / unit * items));
    }
}
