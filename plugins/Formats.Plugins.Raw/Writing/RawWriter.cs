using Formats.IO;

namespace Formats.Plugins.Raw.Writing;

/// <summary>Writes the array's bytes in C order, as <c>ndarray.tofile</c> does.</summary>
internal sealed class RawWriter(Stream stream) : IArrayWriter
{
    private ArrayWriteStream? data;

    public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
    {
        if (data is not null)
        {
            throw new ArrayFormatException("a raw buffer holds exactly one array");
        }

        data = header.IsFortranOnly ? new RawTransposingWriteStream(stream, header) : new PassThroughWriteStream(stream, header);
        return data;
    }

    public void Complete()
    {
        if (data is null || data.Remaining != 0)
        {
            throw new InvalidOperationException("the array was not written completely");
        }

        stream.Flush();
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (data is null || data.Remaining != 0)
        {
            throw new InvalidOperationException("the array was not written completely");
        }

        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
    }
}
