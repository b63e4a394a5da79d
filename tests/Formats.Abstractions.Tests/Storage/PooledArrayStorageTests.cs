using Formats.Storage;

namespace Formats.Abstractions.Tests.Storage;

public sealed class PooledArrayStorageTests
{
    [Theory]
    [InlineData(PooledArrayStorage.MinPooledLength - 1, typeof(ManagedArrayStorage))]
    [InlineData(PooledArrayStorage.MinPooledLength, typeof(PooledArrayStorage))]
    [InlineData(4_000_000, typeof(PooledArrayStorage))]
    [InlineData(PooledArrayStorage.MaxPooledLength, typeof(PooledArrayStorage))]
    [InlineData(PooledArrayStorage.MaxPooledLength + 1, typeof(NativeArrayStorage))]
    public void AllocateUsesThePoolForMidSizedArrays(int bytes, Type expected)
    {
        using var array = NDArray.Allocate(ArrayHeader.Create(DType.UInt8, bytes));
        Assert.IsType(expected, array.Storage);
        Assert.Equal(bytes, array.Storage.Length);
        Assert.Equal(bytes, array.GetBytes().Length);
    }

    [Fact]
    public void LengthIsWhatWasAskedForNotTheRentedArraysLength()
    {
        // The pool hands out powers of two: 4,194,304 bytes for 4,000,000.
        using var storage = PooledArrayStorage.Rent(4_000_000);
        Assert.Equal(4_000_000, storage.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.GetSpan(3_999_999, 2));
        Assert.Equal(4_000_000, storage.GetMemory(0, 4_000_000).Length);
    }

    [Fact]
    public void DisposedStorageRefusesWindowsAndReturnsItsArrayOnce()
    {
        var storage = PooledArrayStorage.Rent(1 << 20);
        storage.GetSpan(0, 16).Fill(7);
        storage.Dispose();
        storage.Dispose();
        Assert.Throws<ObjectDisposedException>(() => storage.GetSpan(0, 16));
        Assert.Throws<ObjectDisposedException>(() => storage.GetMemory(0, 16));

        // Returned once: two later rents of that size get two different arrays.
        using var a = PooledArrayStorage.Rent(1 << 20);
        using var b = PooledArrayStorage.Rent(1 << 20);
        a.GetSpan(0, 1)[0] = 1;
        b.GetSpan(0, 1)[0] = 2;
        Assert.Equal(1, a.GetSpan(0, 1)[0]);
    }

    [Fact]
    public void ADisposedArraysMemoryServesTheNextArray()
    {
        byte[] first;
        using (var array = NDArray.Allocate(ArrayHeader.Create(DType.Int32, 1_000_000)))
        {
            first = System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(array.Storage.GetMemory(0, 16), out var segment) ? segment.Array! : [];
        }

        using var next = NDArray.Allocate(ArrayHeader.Create(DType.Int32, 1_000_000));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(next.Storage.GetMemory(0, 16), out var again));
        Assert.Same(first, again.Array);
    }
}
