using System.IO.Compression;
using Formats.Compression.Inflate;

namespace Formats.Compression.Tests.Inflate;

/// <summary>Reference inflation through zlib, and reading an input to its end or its error.</summary>
internal static class InflateTesting
{
    /// <summary>What zlib makes of a raw deflate stream: its bytes (at most <paramref name="limit"/>), or its failure.</summary>
    public static (byte[]? Bytes, bool Failed) Zlib(ReadOnlySpan<byte> stream, int limit)
    {
        using var inflater = new DeflateStream(new MemoryStream(stream.ToArray()), CompressionMode.Decompress);
        var output = new MemoryStream();
        var buffer = new byte[65536];
        try
        {
            int n;
            while ((n = inflater.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > limit)
                {
                    return (null, true);
                }
            }
        }
        catch (InvalidDataException)
        {
            return (null, true);
        }

        return (output.ToArray(), false);
    }

    /// <summary>Reads <paramref name="input"/> to its declared length and checks its end; the problem if it fails.</summary>
    public static (byte[] Bytes, CompressedDataProblem? Problem) ReadAll(DecompressedInput input)
    {
        var bytes = new byte[input.Length];
        try
        {
            var done = 0;
            while (done < bytes.Length)
            {
                // Uneven reads, so segment boundaries fall inside them.
                var n = input.Read(bytes.AsSpan(done, Math.Min(bytes.Length - done, 100_003)));
                if (n == 0)
                {
                    return (bytes, CompressedDataProblem.Truncated);
                }

                done += n;
            }

            input.CheckEnd();
            return (bytes, null);
        }
        catch (CompressedDataException e)
        {
            return (bytes, e.Problem);
        }
    }

    /// <summary>Our decoder alone, from the stream's start on one thread: its bytes, or null when it refuses the data.</summary>
    public static byte[]? Own(IPositionalSource source, DeflatedRange range, int limit) => OwnOrError(source, range, limit).Bytes;

    /// <summary>Our decoder alone, from the stream's start on one thread: its bytes, or why it refuses the data.</summary>
    public static unsafe (byte[]? Bytes, string? Error) OwnOrError(IPositionalSource source, DeflatedRange range, int limit)
    {
        using var inflater = new Inflater(source, range.Start, range.CompressedLength);
        using var output = InflateOutput.WithWindow([], 1 << 16);
        try
        {
            inflater.DecodeBlocks(output, long.MaxValue, long.MaxValue, limit);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }

        return (new ReadOnlySpan<byte>(output.Buffer.Pointer + Inflater.WindowSize, (int)output.Produced).ToArray(), null);
    }
}
