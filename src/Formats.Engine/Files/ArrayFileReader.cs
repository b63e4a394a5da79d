namespace Formats;

/// <summary>An open file and the format reader over it. Disposing closes both.</summary>
public sealed class ArrayFileReader : IDisposable
{
    private readonly Stream stream;
    private readonly IArrayReader reader;

    internal ArrayFileReader(string path, IArrayFormat format, Stream stream, IArrayReader reader)
    {
        Path = path;
        Format = format;
        this.stream = stream;
        this.reader = reader;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The open file, for positional reads of contiguous data.</summary>
    internal Stream Stream => stream;

    /// <summary>The format reading it.</summary>
    public IArrayFormat Format { get; }

    /// <summary>Its arrays, from the headers.</summary>
    public IReadOnlyList<ArrayEntry> Entries => ArrayFiles.Guard(Path, () => reader.Entries);

    /// <summary>Opens one array's data; see <see cref="IArrayReader.OpenData"/>.</summary>
    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null) =>
        ArrayFiles.Guard(Path, () => reader.OpenData(name, rows));

    /// <summary>Resolves the member a request names: its name, or the only member.</summary>
    /// <exception cref="ArrayFormatException">No such member, or several and none named.</exception>
    public ArrayEntry Select(string? member)
    {
        var entries = Entries;
        if (string.IsNullOrEmpty(member))
        {
            return entries.Count == 1
                ? entries[0]
                : throw new ArrayFormatException(entries.Count == 0
                    ? "the archive holds no arrays"
                    : $"the archive holds {entries.Count} arrays ({string.Join(", ", entries.Select(e => e.Name))}); name one with --name")
                { SourcePath = Path };
        }

        var bare = member.EndsWith(".npy", StringComparison.Ordinal) ? member[..^4] : member;
        return entries.FirstOrDefault(e => e.Name == bare || e.Name == member)
            ?? throw new ArrayFormatException($"no member '{member}'; members: {string.Join(", ", entries.Select(e => e.Name))}") { SourcePath = Path };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        reader.Dispose();
        stream.Dispose();
    }
}
