using System.Runtime.InteropServices;

namespace Formats.Storage;

/// <summary>
/// Storage in one native allocation, 64-byte aligned and not cleared: for arrays past the managed
/// array limit, and wherever the GC should not scan or move the data.
/// </summary>
internal sealed unsafe class NativeArrayStorage : UnmanagedArrayStorage
{
    private NativeArrayStorage(byte* pointer, long length)
        : base(pointer, length)
    {
        if (length > 0)
        {
            GC.AddMemoryPressure(length);
        }
    }

    /// <summary>Allocates <paramref name="length"/> bytes.</summary>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public static NativeArrayStorage Allocate(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var p = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1), 64);
        HugePages.Advise(p, length);
        return new NativeArrayStorage(p, length);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!IsDisposed)
        {
            NativeMemory.AlignedFree(Pointer);
            if (Length > 0)
            {
                GC.RemoveMemoryPressure(Length);
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Frees the allocation if <see cref="ArrayStorage.Dispose()"/> was not called.</summary>
    ~NativeArrayStorage() => Dispose(false);
}
