using System.Runtime.InteropServices;
using Formats.Storage;

namespace Formats.Compression.Inflate;

/// <summary>
/// A growable block of native memory for inflated output: its address does not move while the inflater's loop
/// writes through a pointer (it moves only in <see cref="Grow"/>), and it is freed as soon as its bytes are handed
/// out rather than when the collector runs.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private byte* pointer;

    public NativeBuffer(long capacity)
    {
        Capacity = Math.Max(capacity, 64);
        pointer = Allocate(Capacity);
    }

    ~NativeBuffer() => Free();

    /// <summary>Bytes allocated.</summary>
    public long Capacity { get; private set; }

    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(pointer is null, this);
            return pointer;
        }
    }

    /// <summary>The first <paramref name="length"/> bytes from <paramref name="start"/>.</summary>
    public ReadOnlySpan<byte> Bytes(long start, int length)
    {
        if (start < 0 || length < 0 || start + length > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        return new(Pointer + start, length);
    }

    /// <summary>Makes room for at least <paramref name="capacity"/> bytes, keeping the contents.</summary>
    public void Grow(long capacity)
    {
        if (capacity <= Capacity)
        {
            return;
        }

        var size = Math.Max(capacity, Capacity * 2);
        pointer = (byte*)NativeMemory.AlignedRealloc(Pointer, (nuint)size, Alignment(size));
        HugePages.Advise(pointer, size);
        Capacity = size;
    }

    /// <summary>Makes room for at least <paramref name="capacity"/> bytes, dropping the contents.</summary>
    public void Reset(long capacity)
    {
        if (capacity <= Capacity)
        {
            return;
        }

        Free();
        pointer = Allocate(capacity);
        Capacity = capacity;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    // Large buffers start on a 2 MiB boundary so that all of them can be backed by 2 MiB pages.
    private static byte* Allocate(long capacity)
    {
        var p = (byte*)NativeMemory.AlignedAlloc((nuint)capacity, Alignment(capacity));
        HugePages.Advise(p, capacity);
        return p;
    }

    private static nuint Alignment(long capacity) => capacity >= HugePages.MinLength ? 2u << 20 : 64;

    private void Free()
    {
        if (pointer is not null)
        {
            NativeMemory.AlignedFree(pointer);
            pointer = null;
        }
    }
}
