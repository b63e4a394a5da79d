using Formats.IO;
using Formats.Npy;

namespace Formats.Plugins.Npy.Writing;

/// <summary>Writes the header exactly as <c>np.save</c> does, then the data as it arrives.</summary>
internal sealed class NpyWriter(Stream stream) : IArrayWriter
{
    private PassThroughWriteStream? data;

    public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
    {
        if (data is not null)
        {
            throw new ArrayFormatException("an NPY file holds exactly one array");
        }

        stream.Write(NpyHeaderCodec.Encode(header));
        data = new PassThroughWriteStream(stream, header);
        return data;
    }

    public void Complete()
    {
        CheckDone();
        stream.Flush();
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        CheckDone();
        await stream.FlushAsync(cancellationToken);
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

    public void Dispose()
    {
        // The stream belongs to the caller.
    }
}
