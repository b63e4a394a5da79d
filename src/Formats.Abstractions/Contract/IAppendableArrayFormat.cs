namespace Formats;

/// <summary>A format whose files can grow along axis 0 in place.</summary>
public interface IAppendableArrayFormat : IWritableArrayFormat
{
    /// <summary>
    /// Prepares to append rows to the file in <paramref name="target"/> (readable, writable, seekable).
    /// Returns a writer for the new rows' data; completing it makes the rows part of the file. Returns null,
    /// having changed nothing, when the file cannot grow in place (the caller then rewrites the file).
    /// </summary>
    /// <param name="target">The existing file.</param>
    /// <param name="rows">The rows to add: dtype and every dimension but the first must match the file.</param>
    /// <param name="options">Read options for the existing header.</param>
    /// <exception cref="ArrayFormatException">The file is not appendable with these rows (dtype, shape or order differs).</exception>
    ArrayWriteStream? TryBeginAppend(Stream target, ArrayHeader rows, ArrayReadOptions options);
}
