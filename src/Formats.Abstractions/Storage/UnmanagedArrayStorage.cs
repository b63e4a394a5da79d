using System.Buffers;

namespace Formats.Storage;

/// <summary>
/// Storage at a fixed unmanaged address: the base of native allocations and mapped file views. Contiguous,
/// so windows can start anywhere, and the whole range can back a tensor span larger than 2 GiB.
/// </summary>
public abstract unsafe class UnmanagedArrayStorage : ArrayStorage
{
    private byte* pointer;
    private readonly long length;

    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="pointer"/>, which the subclass owns.</summary>
    protected UnmanagedArrayStorage(byte* pointer, long length)
    {
        this.pointer = pointer;
        this.length = length;
    }

    /// <inheritdoc />
    public override long Length => length;

    /// <summary>The address of byte 0; valid until disposal.</summary>
    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return pointer;
        }
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan(long offset, int length)
    {
        CheckWindow(offset, length);
        return new Span<byte>(pointer + offset, length);
    }

    /// <inheritdoc />
    public override Memory<byte> GetMemory(long offset, int length)
    {
        CheckWindow(offset, length);
        return new WindowManager(pointer + offset, length).Memory;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        pointer = null;
        base.Dispose(disposing);
    }

    private sealed class WindowManager(byte* start, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
