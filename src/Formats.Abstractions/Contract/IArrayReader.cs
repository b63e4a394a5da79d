namespace Formats;

/// <summary>
/// Reads one file: headers first (<see cref="Entries"/>, no data read), then each array's data as a stream.
/// Archives read their member list up front and each member's header lazily where the format allows.
/// </summary>
public interface IArrayReader : IDisposable
{
    /// <summary>Every array in the file, with dtype, shape and order.</summary>
    IReadOnlyList<ArrayEntry> Entries { get; }

    /// <summary>
    /// Opens one array's data (C or Fortran order as its header says) as a read-only stream of exactly
    /// <see cref="ArrayReadStream.Header"/>.ByteLength bytes.
    /// </summary>
    /// <param name="name">Member name (with or without <c>.npy</c>); null or empty for single-array files.</param>
    /// <param name="rows">Only these rows along axis 0 (C-order arrays); the reader reads only their bytes where it can seek.</param>
    /// <exception cref="ArrayFormatException">No such member, or its data is corrupt or truncated.</exception>
    ArrayReadStream OpenData(string? name = null, RowRange? rows = null);
}
