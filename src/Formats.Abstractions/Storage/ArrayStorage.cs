namespace Formats.Storage;

/// <summary>
/// The bytes behind an <see cref="NDArray"/>: managed memory, native memory or a mapped file view.
/// Storage may exceed 2 GiB; it is reached through windows of at most <see cref="int.MaxValue"/> bytes.
/// </summary>
public abstract class ArrayStorage : IDisposable
{
    /// <summary>Total bytes.</summary>
    public abstract long Length { get; }

    /// <summary>True when writes through <see cref="GetSpan"/> are not allowed.</summary>
    public virtual bool IsReadOnly => false;

    /// <summary>A window of <paramref name="length"/> bytes starting at <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window lies outside the storage.</exception>
    public abstract Span<byte> GetSpan(long offset, int length);

    /// <summary>The same window as <see cref="Memory{T}"/>, for asynchronous I/O.</summary>
    public abstract Memory<byte> GetMemory(long offset, int length);

    /// <summary>
    /// Writes changes back to where the bytes came from: a file mapped read-write writes its changed pages to the
    /// file. A no-op for memory that belongs to no file.
    /// </summary>
    public virtual void Flush()
    {
    }

    /// <summary>Checks that a window lies inside the storage.</summary>
    protected void CheckWindow(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (offset < 0 || length < 0 || offset > Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"window [{offset}, {offset + length}) is outside storage of {Length} bytes");
        }
    }

    /// <summary>A checked window of <paramref name="array"/>, for storage kept in one managed array.</summary>
    /// <exception cref="ObjectDisposedException">The storage is disposed (or its array already given back).</exception>
    private protected Memory<byte> Window(byte[]? array, long offset, int length)
    {
        CheckWindow(offset, length);
        ObjectDisposedException.ThrowIf(array is null, this);
        return array.AsMemory((int)offset, length);
    }

    /// <summary>True once disposed.</summary>
    protected bool IsDisposed { get; private set; }

    /// <summary>Releases the storage.</summary>
    protected virtual void Dispose(bool disposing) => IsDisposed = true;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
