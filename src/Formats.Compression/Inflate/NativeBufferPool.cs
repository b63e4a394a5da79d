namespace Formats.Compression.Inflate;

/// <summary>
/// Output buffers kept for the next chunk of the same stream: fresh memory costs a page fault per page on first
/// touch, as much as inflating into it when the data repeats a lot. A rent takes a kept buffer large enough when
/// there is one (a smaller one would be freed and allocated anew, its pages faulted again).
/// </summary>
internal sealed class NativeBufferPool(int max) : IDisposable
{
    private readonly List<NativeBuffer> free = [];
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>A buffer of at least <paramref name="capacity"/> bytes, contents undefined.</summary>
    public NativeBuffer Rent(long capacity)
    {
        NativeBuffer? buffer = null;
        lock (gate)
        {
            var best = -1;
            for (var i = 0; i < free.Count; i++)
            {
                // The smallest that fits, else the largest (grown by the least).
                var c = free[i].Capacity;
                if (best < 0
                    || (c >= capacity && (free[best].Capacity < capacity || c < free[best].Capacity))
                    || (c < capacity && free[best].Capacity < capacity && c > free[best].Capacity))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                buffer = free[best];
                free.RemoveAt(best);
            }
        }

        if (buffer is null)
        {
            return new NativeBuffer(capacity);
        }

        buffer.Reset(capacity);
        return buffer;
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
        List<NativeBuffer> kept;
        lock (gate)
        {
            disposed = true;
            kept = [.. free];
            free.Clear();
        }

        foreach (var buffer in kept)
        {
            buffer.Dispose();
        }
    }
}
