using Formats.IO;

namespace Formats.Plugins.Npy.Appending;

/// <summary>
/// Writes appended rows after the existing data; on completion rewrites the header, on abandonment cuts the
/// file back to its old length. Until the header is rewritten the file still reads as the old array.
/// </summary>
internal sealed class NpyAppendStream(Stream target, ArrayHeader rows, long dataEnd, byte[] preamble)
    : PassThroughWriteStream(target, rows)
{
    private bool completed;

    public override void Complete()
    {
        CheckComplete();
        Target.Flush();
        Target.Position = 0;
        Target.Write(preamble);
        Target.Flush();
        completed = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !completed)
        {
            Target.SetLength(dataEnd);
        }

        base.Dispose(disposing);
    }
}
