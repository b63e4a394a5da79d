using System.Buffers;

namespace Formats.Plotting;

/// <summary>
/// A stream's bytes in chunks, the next one read on the thread pool while the caller decodes the current one, so
/// that reading (system time) and decoding use both cores. Two pooled buffers, whatever the stream's length.
/// </summary>
internal static class ChunkReader
{
    /// <summary>
    /// Chunks of <paramref name="chunkBytes"/> (the last one shorter) covering <paramref name="totalBytes"/>. Each
    /// chunk is valid until the next one is asked for.
    /// </summary>
    /// <exception cref="MalformedArrayException">The stream ends before <paramref name="totalBytes"/>.</exception>
    public static IEnumerable<ArraySegment<byte>> Read(Stream data, long totalBytes, int chunkBytes, CancellationToken cancellationToken)
    {
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(chunkBytes), ArrayPool<byte>.Shared.Rent(chunkBytes) };
        Task? pending = null;
        try
        {
            var offset = 0L;
            int Length(long at) => (int)Math.Min(chunkBytes, totalBytes - at);
            if (totalBytes > 0)
            {
                var first = Length(0);
                pending = Task.Run(() => Fill(data, buffers[0], first), cancellationToken);
            }

            for (var i = 0; offset < totalBytes; i++)
            {
                pending!.GetAwaiter().GetResult();
                var length = Length(offset);
                var current = buffers[i % 2];
                offset += length;
                pending = null;
                if (offset < totalBytes)
                {
                    var next = buffers[(i + 1) % 2];
                    var nextLength = Length(offset);
                    pending = Task.Run(() => Fill(data, next, nextLength), cancellationToken);
                }

                yield return new ArraySegment<byte>(current, 0, length);
            }
        }
        finally
        {
            // A read still in flight (the caller stopped early) must end before its buffer goes back to the pool.
            try
            {
                pending?.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }

            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private static void Fill(Stream data, byte[] buffer, int count)
    {
        var chunk = buffer.AsSpan(0, count);
        while (chunk.Length > 0)
        {
            var n = data.Read(chunk);
            if (n == 0)
            {
                throw new MalformedArrayException("the array's data ends early");
            }

            chunk = chunk[n..];
        }
    }
}
