namespace Formats.IO;

/// <summary>Stream helpers that turn short reads into clear format errors.</summary>
public static class StreamIO
{
    /// <summary>Fills <paramref name="buffer"/> or throws naming <paramref name="what"/> and how much was there.</summary>
    /// <exception cref="MalformedArrayException">The stream ended early.</exception>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                throw new MalformedArrayException($"file ends inside the {what}: {total} of {buffer.Length} bytes present");
            }

            total += n;
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes, fewer only at end of stream.</summary>
    public static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Skips <paramref name="count"/> bytes by seeking where possible, else by reading.</summary>
    /// <exception cref="MalformedArrayException">The stream ended early.</exception>
    public static void Skip(Stream stream, long count, string what)
    {
        if (count == 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position < count)
            {
                throw new MalformedArrayException($"file ends inside the {what}");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var n = stream.Read(scratch[..(int)Math.Min(scratch.Length, count)]);
            if (n == 0)
            {
                throw new MalformedArrayException($"file ends inside the {what}");
            }

            count -= n;
        }
    }

    /// <summary>Bytes left in a seekable stream; null when the stream cannot tell.</summary>
    public static long? RemainingLength(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return null;
        }

        try
        {
            return stream.Length - stream.Position;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
