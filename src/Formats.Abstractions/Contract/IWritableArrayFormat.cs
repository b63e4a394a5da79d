namespace Formats;

/// <summary>A format that can also be written: the engine routes outputs only to formats that implement this.</summary>
public interface IWritableArrayFormat : IArrayFormat
{
    /// <summary>Opens a writer over <paramref name="stream"/>, positioned where the file starts.</summary>
    /// <param name="stream">The output; writable, and seekable when the engine writes a file (archives patch headers).</param>
    /// <param name="options">How to write (compression, level).</param>
    IArrayWriter CreateWriter(Stream stream, ArrayWriteOptions options);
}
