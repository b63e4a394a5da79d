namespace Formats.IO;

/// <summary>
/// The reader of a format that holds exactly one array at a known place: it lists that array, states where its
/// bytes lie, and opens all of it or some rows (<see cref="RowSelection"/>). The stream belongs to the caller.
/// </summary>
public abstract class SingleArrayReader : IArrayReader
{
    private readonly Stream stream;
    private readonly long dataStart;
    private readonly long position;
    private bool dataOpened;

    /// <summary>Creates the reader once the subclass has read whatever precedes the data.</summary>
    /// <param name="stream">The file; seekable or not.</param>
    /// <param name="dataStart">The array's first byte, in the stream's positions (for an unseekable stream, bytes from where it started).</param>
    /// <param name="entry">The array; its <see cref="ArrayEntry.Data"/> is set here for seekable streams.</param>
    /// <param name="consumed">For an unseekable stream: how many bytes the subclass has read so far.</param>
    protected SingleArrayReader(Stream stream, long dataStart, ArrayEntry entry, long consumed = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entry);
        this.stream = stream;
        this.dataStart = dataStart;
        position = consumed;
        Entries = [entry with { Data = new DataRange(dataStart, entry.Header.ByteLength) }];
    }

    /// <summary>The format's name for messages, e.g. <c>an NPY file</c>.</summary>
    protected abstract string FileKind { get; }

    /// <inheritdoc />
    public IReadOnlyList<ArrayEntry> Entries { get; }

    /// <inheritdoc />
    public ArrayReadStream OpenData(string? name = null, RowRange? rows = null)
    {
        if (!string.IsNullOrEmpty(name))
        {
            throw new MemberNotFoundException($"{FileKind} holds one unnamed array, not a member '{name}'", name, []);
        }

        if (!stream.CanSeek && dataOpened)
        {
            throw new InvalidOperationException("the data of an unseekable stream can be read only once");
        }

        dataOpened = true;
        return RowSelection.Open(stream, dataStart, Entries[0].Header, rows, position);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases nothing by default: the stream belongs to the caller.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
