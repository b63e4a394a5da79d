using System.Numerics;
using System.Runtime.InteropServices;
using Formats.Storage;

namespace Formats;

/// <summary>
/// An n-dimensional array: a <see cref="ArrayHeader"/> (dtype, shape, order) over <see cref="ArrayStorage"/>
/// that may be managed memory, native memory beyond 2 GiB, or a mapped file. Typed access goes through
/// <see cref="AsSpan{T}(long, int)"/> windows and <see cref="ToArray{T}"/>.
/// </summary>
public sealed class NDArray : IDisposable
{
    /// <summary>
    /// The size up to which <see cref="Allocate"/> once put arrays in one managed array. It now keeps only arrays up to
    /// 64 MiB on the managed heap (pooled from 128 KiB) and puts larger ones in native memory, which goes back to the
    /// OS as soon as the array is disposed, as NumPy's does (left to the collector's gradual release, the next large
    /// array came from pages never touched before, each costing a fault and, in a virtual machine, a host fault).
    /// </summary>
    public const long ManagedLimit = 1L << 30;

    /// <summary>Wraps existing storage, which must hold at least the header's bytes. The array owns it.</summary>
    /// <exception cref="ArgumentException">The storage is too small.</exception>
    public NDArray(ArrayHeader header, ArrayStorage storage)
    {
        if (storage.Length < header.ByteLength)
        {
            throw new ArgumentException($"storage of {storage.Length} bytes cannot hold {header.ByteLength} bytes of data", nameof(storage));
        }

        Header = header;
        Storage = storage;
    }

    /// <summary>Dtype, shape and order.</summary>
    public ArrayHeader Header { get; private set; }

    /// <summary>The element type.</summary>
    public DType DType => Header.DType;

    /// <summary>The dimensions.</summary>
    public ArrayShape Shape => Header.Shape;

    /// <summary>Element order of <see cref="Storage"/>.</summary>
    public ArrayOrder Order => Header.Order;

    /// <summary>Number of elements.</summary>
    public long ElementCount => Header.ElementCount;

    /// <summary>Bytes of data.</summary>
    public long ByteLength => Header.ByteLength;

    /// <summary>The bytes behind the array.</summary>
    public ArrayStorage Storage { get; }

    /// <summary>
    /// Allocates an uninitialised array: managed up to <see cref="PooledArrayStorage.MaxPooledLength"/> (from the
    /// shared array pool from <see cref="PooledArrayStorage.MinPooledLength"/> on, returned to it by
    /// <see cref="Dispose"/>), native beyond (freed by <see cref="Dispose"/>, or by the finalizer).
    /// </summary>
    public static NDArray Allocate(ArrayHeader header)
    {
        var bytes = header.ByteLength;
        ArrayStorage storage = bytes switch
        {
            >= PooledArrayStorage.MinPooledLength and <= PooledArrayStorage.MaxPooledLength => PooledArrayStorage.Rent((int)bytes),
            < PooledArrayStorage.MinPooledLength => ManagedArrayStorage.Allocate((int)bytes),
            _ => NativeArrayStorage.Allocate(bytes),
        };
        return new NDArray(header, storage);
    }

    /// <summary>A new array holding a copy of <paramref name="values"/>, dtype inferred from <typeparamref name="T"/>.</summary>
    /// <param name="values">The elements in C order (or Fortran order when <paramref name="order"/> says so).</param>
    /// <param name="shape">The dimensions; empty means 1-D of the values' length.</param>
    /// <param name="order">The element order of <paramref name="values"/>.</param>
    public static NDArray FromValues<T>(ReadOnlySpan<T> values, long[]? shape = null, ArrayOrder order = ArrayOrder.C)
        where T : unmanaged
    {
        var header = new ArrayHeader(DTypeOf<T>(), new ArrayShape(shape ?? [values.Length]), order);
        if (header.ElementCount != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill shape {header.Shape}", nameof(values));
        }

        var array = Allocate(header);
        MemoryMarshal.AsBytes(values).CopyTo(array.Storage.GetSpan(0, (int)header.ByteLength));
        return array;
    }

    /// <summary>A new array over a copy of raw bytes laid out as <paramref name="header"/> says.</summary>
    public static NDArray FromBytes(ArrayHeader header, ReadOnlySpan<byte> data)
    {
        if (data.Length != header.ByteLength)
        {
            throw new ArgumentException($"{data.Length} bytes do not match {header.ByteLength} bytes of {header.DType} {header.Shape}", nameof(data));
        }

        return new NDArray(header, new ManagedArrayStorage(data.ToArray()));
    }

    /// <summary>A window of the raw bytes.</summary>
    public Span<byte> GetBytes(long offset, int length) => Storage.GetSpan(offset, length);

    /// <summary>All raw bytes as one span (arrays up to 2 GiB).</summary>
    /// <exception cref="InvalidOperationException">The array is larger than a span can address.</exception>
    public Span<byte> GetBytes() => Storage.GetSpan(0, CheckedIntLength(ByteLength, "bytes"));

    /// <summary>
    /// A typed window of <paramref name="count"/> elements from element <paramref name="start"/>
    /// (all remaining elements, up to <see cref="int.MaxValue"/>, by default).
    /// </summary>
    /// <exception cref="InvalidOperationException">The dtype is not <typeparamref name="T"/> in native byte order.</exception>
    /// <exception cref="UnsupportedArrayException">The dtype is a long double, which has no .NET type.</exception>
    public Span<T> AsSpan<T>(long start = 0, int count = -1)
        where T : unmanaged
    {
        CheckTyped<T>();
        if (count < 0)
        {
            count = CheckedIntLength(ElementCount - start, "elements");
        }

        var size = Marshal.SizeOf<T>();
        return MemoryMarshal.Cast<byte, T>(Storage.GetSpan(start * size, checked(count * size)));
    }

    /// <summary>A copy of every element as a .NET array.</summary>
    /// <exception cref="InvalidOperationException">The dtype does not match, or the array exceeds a .NET array.</exception>
    /// <exception cref="UnsupportedArrayException">The dtype is a long double, which has no .NET type.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        CheckTyped<T>();
        var result = GC.AllocateUninitializedArray<T>(CheckedIntLength(ElementCount, "elements"));
        AsSpan<T>().CopyTo(result);
        return result;
    }

    /// <summary>Swaps the data to this machine's byte order in place (a no-op when it already is).</summary>
    public void ConvertToNativeByteOrder()
    {
        if (DType.IsNativeByteOrder)
        {
            return;
        }

        if (Storage.IsReadOnly)
        {
            throw new InvalidOperationException("read-only storage cannot be byte-swapped in place");
        }

        var swapper = ByteSwapper.For(DType);
        var item = Math.Max(DType.ItemSize, 1);
        var chunk = Math.Max(1, (16 << 20) / item) * item;
        for (long offset = 0; offset < ByteLength; offset += chunk)
        {
            swapper.SwapInPlace(Storage.GetSpan(offset, (int)Math.Min(chunk, ByteLength - offset)));
        }

        Header = Header with { DType = DType.ToNativeByteOrder() };
    }

    /// <summary>The dtype a .NET element type maps to.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no NumPy dtype.</exception>
    public static DType DTypeOf<T>()
        where T : unmanaged => typeof(T) switch
        {
            var t when t == typeof(bool) => DType.Bool,
            var t when t == typeof(sbyte) => DType.Int8,
            var t when t == typeof(byte) => DType.UInt8,
            var t when t == typeof(short) => DType.Int16,
            var t when t == typeof(ushort) => DType.UInt16,
            var t when t == typeof(int) => DType.Int32,
            var t when t == typeof(uint) => DType.UInt32,
            var t when t == typeof(long) => DType.Int64,
            var t when t == typeof(ulong) => DType.UInt64,
            var t when t == typeof(Half) => DType.Float16,
            var t when t == typeof(float) => DType.Float32,
            var t when t == typeof(double) => DType.Float64,
            var t when t == typeof(ComplexFloat) => DType.Complex64,
            var t when t == typeof(Complex) => DType.Complex128,
            _ => throw new NotSupportedException($"{typeof(T).Name} has no NumPy dtype"),
        };

    /// <summary>
    /// Writes changes back to the file behind a memory-mapped array (NumPy's <c>memmap.flush</c>); a no-op for arrays
    /// in memory and for mappings whose changes never reach the file (read-only, copy-on-write).
    /// </summary>
    public void Flush() => Storage.Flush();

    /// <summary>
    /// Releases the storage: native memory is freed, pooled memory goes back to the pool for the next array, a mapped
    /// view is unmapped. Spans and memory taken from this array must not be used afterwards.
    /// </summary>
    public void Dispose() => Storage.Dispose();

    private void CheckTyped<T>()
        where T : unmanaged
    {
        // Before the byte-order check: swapping would not help, and no .NET type matches what the bytes mean.
        if (DType.IsLongDouble)
        {
            throw new UnsupportedArrayException(
                $"dtype {DType.TypeString} is a platform-defined long double; its bytes pass through unchanged, but it cannot be viewed as {typeof(T).Name} (use GetBytes)");
        }

        if (!DType.IsNativeByteOrder)
        {
            throw new InvalidOperationException($"dtype {DType} is not in native byte order; call ConvertToNativeByteOrder first");
        }

        // Datetimes and timedeltas are 64-bit integers underneath.
        var ok = DType.Kind is DTypeKind.DateTime or DTypeKind.TimeDelta
            ? typeof(T) == typeof(long)
            : DType.IsPrimitive && DTypeOf<T>().WithByteOrder(DType.NativeOrder) == DType.WithByteOrder(DType.NativeOrder);
        if (!ok)
        {
            throw new InvalidOperationException(
                $"dtype {DType} cannot be viewed as {typeof(T).Name}; to convert it as NumPy's astype does, use array.AsType(dtype) or array.ToArray<{typeof(T).Name}>(CastingRule.Unsafe), or read it with ReadRequest.Cast (Formats.Engine)");
        }
    }

    private static int CheckedIntLength(long length, string what) => length <= Array.MaxLength
        ? (int)length
        : throw new InvalidOperationException($"{length} {what} exceed one .NET span; use windows (AsSpan with start and count)");
}
