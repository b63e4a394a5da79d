namespace Formats;

/// <summary>How a file's data is mapped into memory: NumPy's <c>mmap_mode</c> values for an existing file.</summary>
public enum MapMode
{
    /// <summary>
    /// NumPy's <c>'r'</c>: the file is opened read-only and never changed. The storage reports
    /// <see cref="Storage.ArrayStorage.IsReadOnly"/>; a write through a span does not reach the file (and does not crash).
    /// </summary>
    ReadOnly,

    /// <summary>NumPy's <c>'r+'</c>: the file is opened for writing and changes reach it (on <see cref="NDArray.Flush"/> at the latest).</summary>
    ReadWrite,

    /// <summary>
    /// NumPy's <c>'c'</c> (copy-on-write): the file is opened read-only; the array may be changed, but changes stay in
    /// memory and never reach the file.
    /// </summary>
    CopyOnWrite,
}
