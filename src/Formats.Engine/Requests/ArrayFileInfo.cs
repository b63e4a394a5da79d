namespace Formats;

/// <summary>What a file holds, from its headers alone.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">The format that read it.</param>
/// <param name="Entries">Its readable arrays.</param>
public sealed record ArrayFileInfo(string Path, IArrayFormat Format, IReadOnlyList<ArrayEntry> Entries)
{
    /// <summary>Arrays the file names whose headers could not be read (a bad archive member), with the reason.</summary>
    public IReadOnlyList<ArrayFailure> Failures { get; init; } = [];

    /// <summary>
    /// Archive members listed from the archive's index alone, their headers not read (<see cref="ReadRequest.IndexOnly"/>);
    /// <see cref="Entries"/> does not hold them. Empty when every header was read.
    /// </summary>
    public IReadOnlyList<ArrayMember> Listed { get; init; } = [];

    /// <summary>
    /// The name to show for <paramref name="entry"/>: a single-array file's array is named after the file; an archive
    /// member keeps its own name, even <c>''</c> (<c>np.savez</c> of <c>**{'': a}</c> makes member <c>.npy</c>, which
    /// <c>np.load</c> lists as <c>''</c>); a directory store's unnamed array (a Zarr store's root) is named after the store.
    /// </summary>
    public string NameOf(ArrayEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Name.Length > 0 || (Format is IMultiArrayFormat && Format is not IDirectoryArrayFormat)
            ? entry.Name
            : System.IO.Path.GetFileNameWithoutExtension(Path.TrimEnd('/', System.IO.Path.DirectorySeparatorChar));
    }
}

/// <summary>An array a file names but that could not be read.</summary>
/// <param name="Name">The array (member) name.</param>
/// <param name="Error">Why; its message names the file and the member.</param>
public sealed record ArrayFailure(string Name, ArrayFormatException Error);
