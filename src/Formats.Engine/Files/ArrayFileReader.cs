namespace Formats;

/// <summary>An open file (or directory) and the format reader over it. Disposing closes both.</summary>
public sealed class ArrayFileReader : IDisposable
{
    private readonly IArrayReader reader;
    private readonly IDisposable? owned;

    internal ArrayFileReader(string path, IArrayFormat format, IArraySource? source, Stream? stream, IArrayReader reader, IDisposable? owned)
    {
        Path = path;
        Format = format;
        Source = source;
        Stream = stream;
        this.reader = reader;
        this.owned = owned;
    }

    /// <summary>The file (or directory), as named: a path, or the source's <see cref="IArraySource.Name"/>.</summary>
    public string Path { get; }

    /// <summary>The bytes read, for positional reads where an entry states its <see cref="ArrayEntry.Data"/>; null for a directory.</summary>
    internal IArraySource? Source { get; }

    /// <summary>The stream the format reads; null for a directory.</summary>
    internal Stream? Stream { get; }

    /// <summary>The format reading it.</summary>
    public IArrayFormat Format { get; }

    /// <summary>Its arrays, from the headers.</summary>
    /// <exception cref="ArrayFormatException">An array's header is unreadable.</exception>
    public IReadOnlyList<ArrayEntry> Entries => FileErrors.Guard(Path, () => reader.Entries);

    /// <summary>The arrays' names from the file's index (an archive's member list), no header read.</summary>
    public IReadOnlyList<string> Names => FileErrors.Guard(Path, () => reader.Names);

    /// <summary>The arrays as the file's index lists them (an archive's members with sizes and compression), no header read.</summary>
    public IReadOnlyList<ArrayMember> Members => FileErrors.Guard(Path, () => reader.Members);

    /// <summary>One array's entry; an archive reads only that member's header.</summary>
    /// <exception cref="ArrayFormatException">No such array, or its header is unreadable.</exception>
    public ArrayEntry Describe(string name) => FileErrors.Guard(Path, () => reader.Describe(name));

    /// <summary>Opens one array's data; see <see cref="IArrayReader.OpenData"/>.</summary>
    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null) =>
        FileErrors.Guard(Path, () => reader.OpenData(name, rows));

    /// <summary>The entry <paramref name="member"/> names (<c>a</c> or <c>a.npy</c>), or the only one; reads only that header.</summary>
    /// <exception cref="MemberNotFoundException">No such member, or several and none named.</exception>
    public ArrayEntry Select(string? member) =>
        Describe(FileErrors.Guard(Path, () => MemberNames.Select(Names, n => n, member)));

    /// <summary>
    /// The array <paramref name="request"/> selects: its entry (only that header is read), the rows (null for all),
    /// and the header of what reading those rows yields.
    /// </summary>
    /// <exception cref="ArrayFormatException">No such member, or rows the array does not have.</exception>
    internal Selection Resolve(ReadRequest request)
    {
        var entry = Select(request.Member);
        var rows = FileErrors.Guard(Path, () => request.ResolveRows(entry.Header));
        var header = rows is { } r ? FileErrors.Guard(Path, () => RowSelection.Select(entry.Header, r)) : entry.Header;
        return new Selection(entry, rows, header);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        reader.Dispose();
        Stream?.Dispose();
        owned?.Dispose();
    }

    /// <summary>What a read request selects from a file.</summary>
    /// <param name="Entry">The array, as its header describes it.</param>
    /// <param name="Rows">The rows, or null for all.</param>
    /// <param name="Header">What reading those rows yields.</param>
    internal readonly record struct Selection(ArrayEntry Entry, RowRange? Rows, ArrayHeader Header);
}
