namespace Formats;

/// <summary>
/// Writes one file: for each array the header first, then its data in chunks through the returned stream,
/// then <see cref="Complete"/>. Single-array formats take exactly one array.
/// </summary>
public interface IArrayWriter : IDisposable
{
    /// <summary>
    /// Starts an array and returns the stream its data goes to: exactly <c>header.ByteLength</c> bytes in the
    /// header's order. Dispose (or complete) that stream before starting the next array.
    /// </summary>
    /// <param name="name">
    /// Member name for archives (<c>.npy</c> is always added, as <c>np.savez</c> does); null for the next positional
    /// name (<c>arr_0</c>, ...). Ignored by single-array formats.
    /// </param>
    /// <param name="header">The array to write.</param>
    /// <exception cref="ArrayFormatException">The format cannot hold this array, or the name is taken.</exception>
    ArrayWriteStream BeginArray(string? name, ArrayHeader header);

    /// <summary>Finishes the file (archive directories, trailers). Nothing is valid until this returns.</summary>
    void Complete();

    /// <summary>Finishes the file asynchronously.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
