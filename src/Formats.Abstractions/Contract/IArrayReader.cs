namespace Formats;

/// <summary>
/// Reads one file: headers first (<see cref="Entries"/>, no data read), then each array's data as a stream.
/// Archives read their member list up front and each member's header lazily where the format allows.
/// </summary>
public interface IArrayReader : IDisposable
{
    /// <summary>Every array in the file, with dtype, shape and order.</summary>
    /// <exception cref="ArrayFormatException">An array's header is unreadable (archives: any member's).</exception>
    IReadOnlyList<ArrayEntry> Entries { get; }

    /// <summary>
    /// The arrays' names from the file's index alone, no header read (an archive's member list); a member that
    /// <see cref="Describe"/> then refuses is still named here.
    /// </summary>
    IReadOnlyList<string> Names => [.. Entries.Select(e => e.Name)];

    /// <summary>
    /// The arrays as the file's index lists them, no header read: an archive's members with their sizes and compression
    /// from its directory; by default only the <see cref="Names"/>.
    /// </summary>
    IReadOnlyList<ArrayMember> Members => [.. Names.Select(n => new ArrayMember(n))];

    /// <summary>One array's entry; an archive reads only that member's header.</summary>
    /// <exception cref="ArrayFormatException">No such array, or its header is unreadable.</exception>
    ArrayEntry Describe(string name) => MemberNames.Select(Entries, e => e.Name, name);

    /// <summary>
    /// Opens one array's data (C or Fortran order as its header says) as a read-only stream of exactly
    /// <see cref="ArrayReadStream.Header"/>.ByteLength bytes.
    /// </summary>
    /// <param name="name">Member name (with or without <c>.npy</c>); null or empty for single-array files.</param>
    /// <param name="rows">Only these rows along axis 0 (<see cref="RowSelection"/>); the reader reads only their bytes where it can seek. Checksums of the whole array cannot be checked on such a read.</param>
    /// <exception cref="ArrayFormatException">No such member, or its data is corrupt or truncated.</exception>
    ArrayReadStream OpenData(string? name = null, RowRange? rows = null);
}
