namespace Formats;

/// <summary>
/// Where an array file is read from: a local file (<see cref="FileArraySource"/>), an object in a store, bytes in memory.
/// The engine opens a stream over it for the format's reader and reads large stored arrays with
/// <see cref="ReadAt"/>, in parallel. Pass one to <see cref="ArrayFiles"/> (<c>Read</c>, <c>Inspect</c>, <c>Convert</c>, ...)
/// or to <see cref="ArrayInput.FromSource"/>; a string location is turned into one by an <see cref="IArrayStorage"/>.
/// </summary>
/// <remarks>
/// A source is one version of the bytes: every stream and positional read should see the same content (a file source
/// keeps the handle it opened first; an object store pins the object's version). The engine disposes the streams it
/// opens, never the source: whoever created a source disposes it, when it is disposable.
/// </remarks>
public interface IArraySource
{
    /// <summary>The source as the user named it (a path, <c>s3://bucket/key</c>); errors name it, and its extension routes formats without magic.</summary>
    string Name { get; }

    /// <summary>The number of bytes the source holds.</summary>
    /// <exception cref="ArrayFileAccessException">The source does not exist or may not be read.</exception>
    long Length { get; }

    /// <summary>
    /// Opens the bytes for reading: a readable, seekable stream at offset 0, owned by the caller. Each call gives a stream
    /// with its own position.
    /// </summary>
    /// <exception cref="ArrayFileAccessException">The source does not exist or may not be read.</exception>
    Stream OpenRead();

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> and returns how many were read;
    /// fewer only at the end of the source. Safe to call from several threads at once, with no shared position.
    /// </summary>
    /// <exception cref="ArrayFileAccessException">The source does not exist or may not be read.</exception>
    int ReadAt(long offset, Span<byte> buffer);
}
