namespace Formats;

/// <summary>
/// A directory of files a <see cref="IDirectoryArrayFormat"/> reads or writes: a local folder, a bucket prefix, a
/// staging area. Entry names are relative to the directory, with <c>/</c> between parts, whatever the store. The engine
/// hands one to the format; the format never learns where the directory is. Every member may be called from several
/// threads at once (a format may read or write chunks in parallel).
/// </summary>
public interface IArrayDirectory
{
    /// <summary>The directory as the user named it (a path, <c>s3://bucket/prefix/</c>), for messages.</summary>
    string Name { get; }

    /// <summary>True when <see cref="Create"/> may be called (a directory being written).</summary>
    bool CanWrite { get; }

    /// <summary>
    /// The names directly inside <paramref name="folder"/> (<c>""</c> for the top), in ordinal order: files as their
    /// relative path (<c>c/0</c>), folders with a trailing <c>/</c> (<c>c/</c>). Nothing below a subfolder is listed, so
    /// a store of millions of chunks is listed one level at a time.
    /// </summary>
    /// <exception cref="ArrayFormatException">The directory cannot be listed.</exception>
    IReadOnlyList<string> List(string folder = "");

    /// <summary>Opens the file <paramref name="entry"/> for reading: a readable, seekable stream the caller disposes.</summary>
    /// <exception cref="ArrayFileAccessException">No such entry (<see cref="ArrayFileAccessException.Missing"/>), or it cannot be read.</exception>
    Stream OpenRead(string entry);

    /// <summary>
    /// Creates the file <paramref name="entry"/> (and the folders on its way) for writing and returns its stream, which the
    /// caller disposes. What is written appears at the directory's location only when the whole write is committed.
    /// </summary>
    /// <exception cref="NotSupportedException">The directory is being read (<see cref="CanWrite"/> is false).</exception>
    /// <exception cref="ArrayFormatException">The name would leave the directory, or the entry cannot be created.</exception>
    Stream Create(string entry);
}
