namespace Formats.Compression.Inflate;

/// <summary>
/// Output buffers kept for the next chunk, of this stream or the next one read: fresh memory costs a page fault per
/// page on first touch (and, in a virtual machine, the host's fault too), as much as inflating into it when the
/// data repeats a lot. A rent takes a kept buffer large enough when there is one (a smaller one would be freed and
/// allocated anew, its pages faulted again). Kept buffers are freed once the pool has gone unused for
/// <see cref="IdleTime"/>, so a process that loaded one large member does not hold the memory.
/// </summary>
internal sealed class NativeBufferPool : IDisposable
{
    /// <summary>How long kept buffers outlive the pool's last use.</summary>
    public static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(5);

    private readonly List<NativeBuffer> free = [];
    private readonly Lock gate = new();
    private readonly int max;
    private readonly Timer trim;
    private long lastUse;
    private bool disposed;

    /// <summary>A pool that keeps at most <paramref name="max"/> buffers.</summary>
    public NativeBufferPool(int max)
    {
        this.max = max;
        trim = new Timer(_ => TrimIfIdle(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>
    /// The pool the index-free parallel inputs share: about what one stream read on every core has in flight (a
    /// chunk per thread and one more, each a marker buffer and a byte buffer).
    /// </summary>
    public static NativeBufferPool Shared { get; } = new(2 * (Environment.ProcessorCount + 1));

    /// <summary>Buffers kept now (for tests).</summary>
    public int Kept
    {
        get
        {
            lock (gate)
            {
                return free.Count;
            }
        }
    }

    /// <summary>A buffer of at least <paramref name="capacity"/> bytes, contents undefined.</summary>
    public NativeBuffer Rent(long capacity)
    {
        NativeBuffer? buffer = null;
        lock (gate)
        {
            lastUse = Environment.TickCount64;
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
                lastUse = Environment.TickCount64;
                trim.Change(IdleTime, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        buffer.Dispose();
    }

    /// <summary>Frees the kept buffers.</summary>
    public void Trim()
    {
        List<NativeBuffer> kept;
        lock (gate)
        {
            kept = [.. free];
            free.Clear();
        }

        foreach (var buffer in kept)
        {
            buffer.Dispose();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        trim.Dispose();
        Trim();
    }

    private void TrimIfIdle()
    {
        long idle;
        lock (gate)
        {
            idle = Environment.TickCount64 - lastUse;
        }

        if (idle >= (long)IdleTime.TotalMilliseconds)
        {
            Trim();
        }
        else
        {
            // Used since the timer was set: look again when the idle time would be up.
            lock (gate)
            {
                if (!disposed)
                {
                    trim.Change(TimeSpan.FromMilliseconds((long)IdleTime.TotalMilliseconds - idle), Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
