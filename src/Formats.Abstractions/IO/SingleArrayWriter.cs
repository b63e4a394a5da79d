namespace Formats.IO;

/// <summary>
/// The writer of a format that holds exactly one array: it accepts one <see cref="BeginArray"/>, and completing
/// checks that all the data arrived before flushing. The stream belongs to the caller.
/// </summary>
public abstract class SingleArrayWriter(Stream stream) : IArrayWriter
{
    private ArrayWriteStream? data;

    /// <summary>The stream the file goes to.</summary>
    protected Stream Stream { get; } = stream;

    /// <summary>The format's name for messages, e.g. <c>an NPY file</c>.</summary>
    protected abstract string FileKind { get; }

    /// <inheritdoc />
    public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
    {
        if (data is not null)
        {
            throw new ArrayFormatException($"{FileKind} holds exactly one array");
        }

        data = Begin(header);
        return data;
    }

    /// <summary>Writes whatever precedes the data and returns the stream the data goes to.</summary>
    protected abstract ArrayWriteStream Begin(ArrayHeader header);

    /// <inheritdoc />
    public void Complete()
    {
        CheckDone();
        Stream.Flush();
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        CheckDone();
        await Stream.FlushAsync(cancellationToken);
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

    private void CheckDone()
    {
        if (data is null)
        {
            throw new InvalidOperationException("no array was written");
        }

        if (data.Remaining != 0)
        {
            throw new InvalidOperationException($"array data ended {data.Remaining} bytes short");
        }
    }
}
