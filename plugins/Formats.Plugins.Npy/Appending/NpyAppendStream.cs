namespace Formats.Plugins.Npy.Appending;

/// <summary>
/// Writes appended rows after the existing data; on completion rewrites the header, on abandonment cuts the
/// file back to its old length. Until the header is rewritten the file still reads as the old array.
/// </summary>
internal sealed class NpyAppendStream(Stream target, ArrayHeader rows, long originalLength, byte[] preamble) : ArrayWriteStream(rows)
{
    private bool completed;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckRoom(buffer.Length);
        target.Write(buffer);
        Written += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CheckRoom(buffer.Length);
        await target.WriteAsync(buffer, cancellationToken);
        Written += buffer.Length;
    }

    public override void Complete()
    {
        CheckComplete();
        target.Flush();
        target.Position = 0;
        target.Write(preamble);
        target.Flush();
        completed = true;
    }

    public override void Flush() => target.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !completed)
        {
            target.SetLength(originalLength);
        }

        base.Dispose(disposing);
    }
}
