namespace Formats;

/// <summary>
/// A format whose data is a directory of files rather than one file (a Zarr store: metadata and one file per chunk).
/// The engine routes a directory to it as it routes a file to an <see cref="IArrayFormat"/>: by an explicit name, else by
/// <see cref="IsDirectoryMatch"/> over the directory's entries, else by the directory name's extension; it hands the
/// format an <see cref="IArrayDirectory"/>. A directory format that writes implements
/// <see cref="IWritableDirectoryArrayFormat"/>; one that holds several arrays, <see cref="IMultiArrayFormat"/>. The
/// stream reader of <see cref="IArrayFormat"/> is not used for such a format and may throw <see cref="NotSupportedException"/>.
/// </summary>
public interface IDirectoryArrayFormat : IArrayFormat
{
    /// <summary>
    /// Entries whose first bytes detection needs (<c>zarr.json</c>, <c>.zarray</c>); empty when the names alone tell. The
    /// engine reads at most <see cref="MarkerBytes"/> of each that exists.
    /// </summary>
    IReadOnlyList<string> MarkerEntries { get; }

    /// <summary>How many leading bytes of each marker entry detection wants.</summary>
    int MarkerBytes { get; }

    /// <summary>
    /// True when a directory is this format: a pure function of the names at its top (<see cref="IArrayDirectory.List"/>
    /// of <c>""</c>) and the first bytes of those <see cref="MarkerEntries"/> that exist (keyed by entry name). Directory
    /// formats are asked in the registry's order; more than one match is an error.
    /// </summary>
    bool IsDirectoryMatch(IReadOnlyList<string> entries, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> markers);

    /// <summary>Opens a reader over the directory.</summary>
    /// <exception cref="ArrayFormatException">The metadata is malformed or unsupported.</exception>
    IArrayReader CreateReader(IArrayDirectory directory, ArrayReadOptions options);

}
