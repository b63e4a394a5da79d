using System.IO.MemoryMappedFiles;
using Formats.Storage;

namespace Formats.Plugins.Memmap.Storage;

/// <summary>
/// A mapped view of a file's data. It owns the file handle, the mapping and the view, and releases all three at once
/// on <see cref="ArrayStorage.Dispose()"/>, so a program that maps many files one after another never piles up open
/// handles (NumPy's memmap cannot be closed, numpy#13510).
/// </summary>
internal sealed unsafe class MappedArrayStorage : UnmanagedArrayStorage
{
    private readonly MemoryMappedFile? map;
    private readonly MemoryMappedViewAccessor? view;
    private readonly bool readOnly;
    private readonly bool writesThrough;
    private int released;

    private MappedArrayStorage(MemoryMappedFile? map, MemoryMappedViewAccessor? view, byte* pointer, long length, MapMode mode)
        : base(pointer, length)
    {
        this.map = map;
        this.view = view;
        readOnly = mode == MapMode.ReadOnly;
        writesThrough = mode == MapMode.ReadWrite;
    }

    /// <inheritdoc />
    public override bool IsReadOnly => readOnly;

    /// <summary>
    /// Maps <paramref name="length"/> bytes from <paramref name="offset"/> of <paramref name="file"/>, which the storage then
    /// owns (it is disposed here when mapping fails). Read-only and copy-on-write views are private mappings of a file
    /// opened read-only: a write through a span changes only this process's copy of the page and never the file, and
    /// cannot fault as a write to a read-only page would.
    /// </summary>
    public static MappedArrayStorage Map(FileStream file, long offset, long length, MapMode mode)
    {
        if (length == 0)
        {
            // mmap of length 0 fails (and means "whole file" to NumPy, numpy#27722): nothing to map.
            file.Dispose();
            return new MappedArrayStorage(null, null, null, 0, mode);
        }

        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            var (mapAccess, viewAccess) = mode switch
            {
                MapMode.ReadWrite => (MemoryMappedFileAccess.ReadWrite, MemoryMappedFileAccess.ReadWrite),
                _ => (MemoryMappedFileAccess.Read, MemoryMappedFileAccess.CopyOnWrite),
            };

            // Capacity 0: the file's length. leaveOpen false: the map owns the file from here.
            map = MemoryMappedFile.CreateFromFile(file, null, 0, mapAccess, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(offset, length, viewAccess);
            byte* basePointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref basePointer);
            acquired = true;

            // The view starts at the page holding the offset; PointerOffset is the distance to the offset itself.
            return new MappedArrayStorage(map, view, basePointer + view.PointerOffset, length, mode);
        }
        catch
        {
            if (acquired)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view?.Dispose();
            if (map is null)
            {
                file.Dispose();
            }
            else
            {
                map.Dispose();
            }

            throw;
        }
    }

    /// <summary>Writes changed pages to the file (<c>msync</c>) for a read-write mapping; else a no-op.</summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (writesThrough)
        {
            view?.Flush();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref released, 1) == 0 && view is not null)
        {
            // The view's handle stays alive (it is finalized after this object) until the pointer is released.
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            if (disposing)
            {
                view.Dispose();
                map!.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Releases the pointer if <see cref="ArrayStorage.Dispose()"/> was not called, so the view can be unmapped.</summary>
    ~MappedArrayStorage() => Dispose(false);
}
