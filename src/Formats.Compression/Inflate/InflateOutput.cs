namespace Formats.Compression.Inflate;

/// <summary>
/// Where an <see cref="Inflater"/> writes: elements of one or two bytes in a <see cref="NativeBuffer"/>, after a
/// prefix of <see cref="Inflater.WindowSize"/> elements that holds the window (the bytes before, or, for two-byte
/// elements, markers standing for them).
/// </summary>
/// <remarks>
/// A two-byte element below 256 is a byte; 256 + i stands for byte i of the unknown 32 KiB window before the output
/// started (i = 32767 the last), to be replaced once that window is known (rapidgzip's first pass).
/// </remarks>
internal sealed class InflateOutput : IDisposable
{
    /// <summary>Room kept free behind the last element: one match, two literals, and a vector's overcopy.</summary>
    public const int Slack = 2 * (258 + 2) + 64;

    private readonly NativeBufferPool? pool;

    public InflateOutput(int elementSize, long capacity, NativeBufferPool? pool = null)
    {
        ElementSize = elementSize;
        var bytes = ((capacity + Inflater.WindowSize) * elementSize) + Slack;
        Buffer = pool?.Rent(bytes) ?? new NativeBuffer(bytes);
        this.pool = pool;
        Count = Inflater.WindowSize;
    }

    public NativeBuffer Buffer { get; }

    /// <summary>1 for bytes, 2 for bytes and markers.</summary>
    public int ElementSize { get; }

    /// <summary>Elements written, the window prefix included.</summary>
    public long Count { get; set; }

    /// <summary>The first element a back-reference may reach (the window may be shorter than 32 KiB at a stream's start).</summary>
    public long Floor { get; set; }

    /// <summary>Elements after the window prefix.</summary>
    public long Produced => Count - Inflater.WindowSize;

    /// <summary>Two-byte output whose window is all markers: a chunk inflated from a guessed block start.</summary>
    public static unsafe InflateOutput WithMarkers(long capacity, NativeBufferPool? pool = null)
    {
        var output = new InflateOutput(2, capacity, pool);
        var p = (ushort*)output.Buffer.Pointer;
        for (var i = 0; i < Inflater.WindowSize; i++)
        {
            p[i] = (ushort)(256 + i);
        }

        return output;
    }

    /// <summary>Byte output after the known <paramref name="window"/> (up to 32 KiB; shorter only at a stream's start).</summary>
    public static unsafe InflateOutput WithWindow(ReadOnlySpan<byte> window, long capacity, NativeBufferPool? pool = null)
    {
        var output = new InflateOutput(1, capacity, pool);
        window.CopyTo(new Span<byte>(output.Buffer.Pointer + Inflater.WindowSize - window.Length, window.Length));
        output.Floor = Inflater.WindowSize - window.Length;
        return output;
    }

    /// <summary>Makes room for <paramref name="more"/> elements past <see cref="Count"/>.</summary>
    public void Reserve(long more) => Buffer.Grow(((Count + more) * ElementSize) + Slack);

    public void Dispose()
    {
        if (pool is not null)
        {
            pool.Return(Buffer);
        }
        else
        {
            Buffer.Dispose();
        }
    }
}
