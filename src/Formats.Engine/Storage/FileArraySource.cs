using Microsoft.Win32.SafeHandles;

namespace Formats;

/// <summary>
/// A local file as an <see cref="IArraySource"/>. The file is opened on first use and stays open until
/// <see cref="Dispose"/>: every stream (<see cref="OpenRead"/>) and positional read goes through that one handle, so
/// all see the same file even if another is renamed over the path meanwhile.
/// </summary>
public sealed class FileArraySource : IArraySource, IDisposable
{
    private readonly Lock gate = new();
    private SafeFileHandle? handle;
    private bool disposed;

    /// <summary>A source over the file at <paramref name="path"/>; nothing is opened yet.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public FileArraySource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The file's path, as given.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => Path;

    /// <summary>The open file, for positional reads with <see cref="RandomAccess"/> (opened now if it was not yet). Owned by the source.</summary>
    /// <exception cref="ArrayFileAccessException">The file does not exist, is a folder, or may not be read.</exception>
    /// <exception cref="ObjectDisposedException">The source was disposed.</exception>
    public SafeFileHandle Handle
    {
        get
        {
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return handle ??= FileOpening.OpenHandle(Path);
            }
        }
    }

    /// <inheritdoc />
    public long Length => RandomAccess.GetLength(Handle);

    /// <summary>Opens a stream over the source's handle (a <see cref="FileStream"/>, so formats keep their file fast paths).</summary>
    /// <exception cref="ArrayFileAccessException">The file does not exist, is a folder, or may not be read.</exception>
    public Stream OpenRead() =>
        // The stream borrows the handle: closing it leaves the source open. Headers are small and large data reads
        // bypass the buffer, so 4 KiB keeps opening cheap (row reads).
        new FileStream(new SafeFileHandle(Handle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read, 4096);

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        var file = Handle;
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Closes the file (streams still open over it fail from then on).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            handle?.Dispose();
            handle = null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}
