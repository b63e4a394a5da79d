using System.Runtime.CompilerServices;

namespace Formats.Compression.Inflate;

/// <summary>
/// One chunk of a deflate stream inflated from a guessed block start, before the bytes before it are known:
/// rapidgzip's first pass. The guess holds only if sequential decoding of what precedes it ends exactly at
/// <see cref="StartBit"/>.
/// </summary>
/// <remarks>
/// The output starts as two-byte elements with markers for the unknown window (<see cref="Markers"/>) and goes on
/// as bytes (<see cref="Bytes"/>) once 32 KiB in a row hold no marker, since nothing later can reach one.
/// </remarks>
internal sealed class ChunkGuess : IDisposable
{
    /// <summary>
    /// Compressed bytes searched for a block start: zlib's blocks are far shorter; a stretch of stored blocks (which
    /// the finder does not look for) longer than this decodes sequentially at the speed of a copy instead.
    /// </summary>
    public const long MaxSearch = 1L << 20;

    private ChunkGuess(long startBit, long endBit, bool final, InflateOutput markers, InflateOutput? bytes)
    {
        StartBit = startBit;
        EndBit = endBit;
        Final = final;
        Markers = markers;
        Bytes = bytes;
    }

    /// <summary>Bit offset of the block the chunk starts with.</summary>
    public long StartBit { get; }

    /// <summary>Bit offset after the chunk's last block.</summary>
    public long EndBit { get; }

    /// <summary>True when the chunk's last block is the stream's final block.</summary>
    public bool Final { get; }

    public InflateOutput Markers { get; }

    public InflateOutput? Bytes { get; }

    /// <summary>Bytes the chunk inflates to.</summary>
    public long Length => Markers.Produced + (Bytes?.Produced ?? 0);

    /// <summary>
    /// Finds the first block start at or after byte <paramref name="from"/> (before byte <paramref name="until"/>)
    /// and inflates from it until a block ends at or after byte <paramref name="stop"/>, the final block ends, or
    /// <paramref name="softLimit"/> bytes are out; null when no block start is found or the guess turns out wrong.
    /// </summary>
    public static ChunkGuess? Inflate(
        IPositionalSource source,
        DeflatedRange range,
        long from,
        long until,
        long stop,
        long softLimit,
        long expected,
        NativeBufferPool? pool,
        CancellationToken cancellation)
    {
        using var inflater = new Inflater(source, range.Start, range.CompressedLength);
        InflateOutput? markers = null;
        InflateOutput? bytes = null;
        try
        {
            var start = inflater.FindBlock(from * 8, Math.Min(until, from + MaxSearch) * 8);
            if (start < 0)
            {
                return null;
            }

            markers = InflateOutput.WithMarkers(Math.Min(softLimit, expected), pool);
            var hardLimit = 2 * softLimit;
            inflater.DecodeRestOfBlock(markers, hardLimit);
            while (!inflater.Finished && inflater.BitPosition < stop * 8 && markers.Produced + (bytes?.Produced ?? 0) < softLimit)
            {
                cancellation.ThrowIfCancellationRequested();
                if (bytes is null && NoMarkersInWindow(markers))
                {
                    bytes = InflateOutput.WithWindow(Narrow(markers), Math.Clamp(expected - markers.Produced, 1L << 16, softLimit), pool);
                }

                inflater.DecodeBlock(bytes ?? markers, bytes is null ? hardLimit : hardLimit - markers.Produced);
            }

            return new ChunkGuess(start, inflater.BitPosition, inflater.Finished, markers, bytes);
        }
#pragma warning disable CA1031 // A wrong guess may fail any way the data allows; the sequential pass decides.
        catch (Exception)
#pragma warning restore CA1031
        {
            markers?.Dispose();
            bytes?.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Replaces the markers with the bytes of <paramref name="window"/> (the 32 KiB before the chunk), in place:
    /// the marker output's buffer then holds the chunk's first <see cref="InflateOutput.Produced"/> bytes at its start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Resolve(ReadOnlySpan<byte> window)
    {
        // One table for literals and markers alike (0-255 themselves, 256 + i byte i of the window): a load per
        // element, no branch.
        var table = new byte[256 + Inflater.WindowSize];
        for (var i = 0; i < 256; i++)
        {
            table[i] = (byte)i;
        }

        window.CopyTo(table.AsSpan(256));
        var symbols = (ushort*)Markers.Buffer.Pointer + Inflater.WindowSize;
        var to = Markers.Buffer.Pointer;
        var n = Markers.Produced;
        fixed (byte* t = table)
        {
            // Forward in place is safe: byte i is written at i, below the two bytes of element i it replaces.
            for (long i = 0; i < n; i++)
            {
                to[i] = t[symbols[i]];
            }
        }
    }

    /// <summary>The 32 KiB that follow the chunk's <paramref name="window"/> after the chunk (before <see cref="Resolve"/>).</summary>
    public unsafe byte[] WindowAfter(ReadOnlySpan<byte> window)
    {
        var next = new byte[Inflater.WindowSize];
        if (Bytes is { } b)
        {
            new ReadOnlySpan<byte>(b.Buffer.Pointer + b.Count - Inflater.WindowSize, Inflater.WindowSize).CopyTo(next);
            return next;
        }

        var symbols = (ushort*)Markers.Buffer.Pointer;
        for (var i = 0; i < Inflater.WindowSize; i++)
        {
            // The marker buffer's prefix holds markers for the window itself, so this covers short chunks too.
            var s = symbols[Markers.Count - Inflater.WindowSize + i];
            next[i] = s < 256 ? (byte)s : window[s - 256];
        }

        return next;
    }

    public void Dispose()
    {
        Markers.Dispose();
        Bytes?.Dispose();
    }

    private static unsafe bool NoMarkersInWindow(InflateOutput markers) =>
        markers.Count >= 2 * Inflater.WindowSize
        && new ReadOnlySpan<ushort>((ushort*)markers.Buffer.Pointer + markers.Count - Inflater.WindowSize, Inflater.WindowSize)
            .IndexOfAnyInRange((ushort)256, ushort.MaxValue) < 0;

    private static unsafe byte[] Narrow(InflateOutput markers)
    {
        var tail = new byte[Inflater.WindowSize];
        var symbols = (ushort*)markers.Buffer.Pointer + markers.Count - Inflater.WindowSize;
        for (var i = 0; i < tail.Length; i++)
        {
            tail[i] = (byte)symbols[i];
        }

        return tail;
    }
}
