namespace Formats.Plugins.Npz.Writing;

/// <summary>One member's array data on its way into the archive; <see cref="Complete"/> closes the member.</summary>
internal sealed class MemberWriteStream(NpzWriter writer, ArrayHeader header, IMemberSink sink) : ArrayWriteStream(header)
{
    private bool completed;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        CheckRoom(buffer.Length);
        sink.Write(buffer);
        Written += buffer.Length;
    }

    public override void Complete()
    {
        if (completed)
        {
            return;
        }

        CheckComplete();
        var totals = sink.Finish();
        completed = true;
        writer.FinishMember(this, totals);
    }

    public override void Flush()
    {
        // Data is flushed with the member; the archive is valid only after the writer completes.
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sink.Dispose();
        }

        base.Dispose(disposing);
    }
}
