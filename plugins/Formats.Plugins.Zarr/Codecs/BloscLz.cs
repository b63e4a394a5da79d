namespace Formats.Plugins.Zarr.Codecs;

/// <summary>
/// Decoding of c-blosc's own compressor, BloscLZ (a FastLZ level-1 dialect), which is blosc's default: a control byte
/// either starts a run of 1 to 32 literals (values 0-31) or a match (its top three bits the length, its low five the
/// high bits of the distance), with 255-continued length bytes and a 16-bit far distance beyond 8191.
/// </summary>
internal static class BloscLz
{
    private const int MaxDistance = 8191;

    /// <summary>Fills <paramref name="dest"/> exactly from <paramref name="source"/>, or fails naming the block.</summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<byte> dest, int block)
    {
        if (source.IsEmpty)
        {
            throw Corrupt(block, "it is empty");
        }

        var ip = 0;
        var op = 0;

        // The first control byte carries the format's marker in bit 5; it always opens literals.
        var ctrl = source[ip++] & 31;
        while (true)
        {
            if (ctrl >= 32)
            {
                var length = (ctrl >> 5) - 1;
                var high = (ctrl & 31) << 8;
                int code;
                if (length == 6)
                {
                    do
                    {
                        code = Next(source, ref ip, block);
                        length += code;
                        if (length > dest.Length)
                        {
                            throw Corrupt(block, "a match runs past the block's end");
                        }
                    }
                    while (code == 255);
                }

                code = Next(source, ref ip, block);
                var distance = high + code + 1;
                if (code == 255 && high == 31 << 8)
                {
                    distance = (Next(source, ref ip, block) << 8) + Next(source, ref ip, block) + MaxDistance + 1;
                }

                length += 3;
                if (distance > op)
                {
                    throw Corrupt(block, $"a match reaches {distance} bytes back from byte {op}");
                }

                if (length > dest.Length - op)
                {
                    throw Corrupt(block, "a match runs past the block's end");
                }

                if (distance >= length)
                {
                    dest.Slice(op - distance, length).CopyTo(dest[op..]);
                }
                else
                {
                    // Overlapping: the match repeats what it copies, byte by byte as the format means it.
                    for (var k = 0; k < length; k++)
                    {
                        dest[op + k] = dest[op - distance + k];
                    }
                }

                op += length;
            }
            else
            {
                var count = ctrl + 1;
                if (count > source.Length - ip)
                {
                    throw Corrupt(block, "its literals are cut short");
                }

                if (count > dest.Length - op)
                {
                    throw Corrupt(block, "its literals run past the block's end");
                }

                source.Slice(ip, count).CopyTo(dest[op..]);
                ip += count;
                op += count;
            }

            if (ip >= source.Length)
            {
                break;
            }

            ctrl = source[ip++];
        }

        if (op != dest.Length)
        {
            throw Corrupt(block, $"it decodes to {op} bytes, not {dest.Length}");
        }
    }

    private static int Next(ReadOnlySpan<byte> source, ref int ip, int block) =>
        ip < source.Length ? source[ip++] : throw Corrupt(block, "a match is cut short");

    private static MalformedArrayException Corrupt(int block, string problem) =>
        new($"blosc block {block}: blosclz data is corrupt: {problem}");
}
