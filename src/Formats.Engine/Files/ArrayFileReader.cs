namespace Formats;

/// <summary>An open file and the format reader over it. Disposing closes both.</summary>
public sealed class ArrayFileReader : IDisposable
{
    private readonly IArrayReader reader;

    internal ArrayFileReader(string path, IArrayFormat format, Stream stream, IArrayReader reader)
    {
        Path = path;
        Format = format;
        Stream = stream;
        this.reader = reader;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The open file, for positional reads where an entry states its <see cref="ArrayEntry.Data"/>.</summary>
    internal Stream Stream { get; }

    /// <summary>The format reading it.</summary>
    public IArrayFormat Format { get; }

    /// <summary>Its arrays, from the headers.</summary>
    /// <exception cref="ArrayFormatException">An array's header is unreadable.</exception>
    public IReadOnlyList<ArrayEntry> Entries => FileErrors.Guard(Path, () => reader.Entries);

    /// <summary>The arrays' names from the file's index (an archive's member list), no header read.</summary>
    public IReadOnlyList<string> Names => FileErrors.Guard(Path, () => reader.Names);

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

    /// <inheritdoc />
    public void Dispose()
    {
        reader.Dispose();
        Stream.Dispose();
    }
}
