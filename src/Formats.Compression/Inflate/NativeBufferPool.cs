using System.Collections.Concurrent;

namespace Formats.Compression.Inflate;

/// <summary>
/// Output buffers kept for the next chunk of the same stream: fresh memory costs a page fault per 4 KiB on first
/// touch, as much as inflating into it when the data repeats a lot.
/// </summary>
internal sealed class NativeBufferPool(int max) : IDisposable
{
    private readonly ConcurrentBag<NativeBuffer> free = [];
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>A buffer of at least <paramref name="capacity"/> bytes, contents undefined.</summary>
    public NativeBuffer Rent(long capacity)
    {
        if (free.TryTake(out var buffer))
        {
            buffer.Reset(capacity);
            return buffer;
        }

        return new NativeBuffer(capacity);
    }

    public void Return(NativeBuffer buffer)
    {
        lock (gate)
        {
            if (!disposed && free.Count < max)
            {
                free.Add(buffer);
                return;
            }
        }

        buffer.Dispose();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        while (free.TryTake(out var buffer))
        {
            buffer.Dispose();
        }
    }
}
