using System.Numerics;
using System.Runtime.InteropServices;
using Formats.Casting;

namespace Formats.Statistics;

/// <summary>
/// Sorts a stream of element values into the columns asked for and accumulates each column's <see cref="Moments"/>.
/// Elements arrive in storage order, so the column of flat element <c>f</c> is <c>(f / run) % columns</c>: in C order
/// a run is the product of the dimensions after axis 1, in Fortran order it is the length of axis 0; for the whole
/// array there is one column and one endless run. Each column's values wait in a small buffer until they fill a block.
/// </summary>
internal sealed class ColumnScanner
{
    private const int Block = 1024;

    // The buffers of all columns together stay below this many values.
    private const int BufferBudget = 4 << 20;

    private readonly NumericType type;
    private readonly long run;
    private readonly long columns;
    private readonly Dictionary<long, int>? slotOfColumn;
    private readonly Moments[] slots;
    private readonly double[]?[] buffers;
    private readonly int[] fill;
    private readonly int capacity;

    /// <param name="type">The elements' type (integer ranges are taken from the elements themselves).</param>
    /// <param name="run">How many consecutive elements share a column.</param>
    /// <param name="columns">How many columns there are in all.</param>
    /// <param name="slotOfColumn">Which slot each selected column accumulates in; null when every column is selected, in order.</param>
    /// <param name="slotCount">How many slots.</param>
    public ColumnScanner(NumericType type, long run, long columns, Dictionary<long, int>? slotOfColumn, int slotCount)
    {
        this.type = type;
        this.run = run;
        this.columns = columns;
        this.slotOfColumn = slotOfColumn;
        slots = new Moments[slotCount];
        for (var i = 0; i < slotCount; i++)
        {
            slots[i] = new Moments();
        }

        buffers = new double[]?[slotCount];
        fill = new int[slotCount];
        capacity = (int)Math.Clamp(BufferBudget / Math.Max(1, slotCount), 1, Block);
    }

    public IReadOnlyList<Moments> Slots => slots;

    /// <summary>Adds elements <paramref name="first"/> onwards: their values, and the elements in native byte order.</summary>
    public void Scan(ReadOnlySpan<double> values, ReadOnlySpan<byte> native, long first)
    {
        var size = type.Size();
        var integer = type.IsInteger() || type == NumericType.Bool;
        for (var p = 0; p < values.Length;)
        {
            var f = first + p;
            var length = (int)Math.Min(run - (f % run), values.Length - p);
            var column = f / run % columns;
            var slot = slotOfColumn is null ? (int)column : slotOfColumn.GetValueOrDefault(column, -1);
            if (slot >= 0)
            {
                Add(slot, values.Slice(p, length));
                if (integer)
                {
                    var (min, max) = IntegerRange(native.Slice(p * size, length * size));
                    slots[slot].AddIntegerRange(min, max);
                }
            }

            p += length;
        }
    }

    /// <summary>Accumulates what waits in the buffers.</summary>
    public void Flush()
    {
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (fill[slot] > 0)
            {
                slots[slot].AddBlock(buffers[slot].AsSpan(0, fill[slot]));
                fill[slot] = 0;
            }
        }
    }

    /// <summary>Merges <paramref name="other"/>'s columns (both flushed first) into these.</summary>
    public void Merge(ColumnScanner other)
    {
        Flush();
        other.Flush();
        for (var slot = 0; slot < slots.Length; slot++)
        {
            slots[slot].Merge(other.slots[slot]);
        }
    }

    private void Add(int slot, ReadOnlySpan<double> values)
    {
        while (values.Length > 0)
        {
            if (fill[slot] == 0 && values.Length >= Block)
            {
                slots[slot].AddBlock(values[..Block]);
                values = values[Block..];
                continue;
            }

            var buffer = buffers[slot] ??= new double[capacity];
            var take = Math.Min(capacity - fill[slot], values.Length);
            values[..take].CopyTo(buffer.AsSpan(fill[slot]));
            fill[slot] += take;
            values = values[take..];
            if (fill[slot] == capacity)
            {
                slots[slot].AddBlock(buffer);
                fill[slot] = 0;
            }
        }
    }

    private (Int128 Min, Int128 Max) IntegerRange(ReadOnlySpan<byte> data) => type switch
    {
        // Any nonzero byte is True, which counts as 1 (raw input may hold other bytes than 0 and 1).
        NumericType.Bool => Truth(Range<byte>(data)),
        NumericType.UInt8 => Range<byte>(data),
        NumericType.Int8 => Range<sbyte>(data),
        NumericType.Int16 => Range<short>(data),
        NumericType.Int32 => Range<int>(data),
        NumericType.Int64 => Range<long>(data),
        NumericType.UInt16 => Range<ushort>(data),
        NumericType.UInt32 => Range<uint>(data),
        _ => Range<ulong>(data),
    };

    private static (Int128 Min, Int128 Max) Truth((Int128 Min, Int128 Max) bytes) => (bytes.Min == 0 ? 0 : 1, bytes.Max == 0 ? 0 : 1);

    private static (Int128 Min, Int128 Max) Range<T>(ReadOnlySpan<byte> data)
        where T : unmanaged, IBinaryInteger<T>
    {
        var values = MemoryMarshal.Cast<byte, T>(data);
        return (Int128.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Min(values)),
            Int128.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Max(values)));
    }
}
