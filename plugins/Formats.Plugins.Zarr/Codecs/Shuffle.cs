namespace Formats.Plugins.Zarr.Codecs;

/// <summary>Blosc's filters undone: byte shuffle (byte k of every element together) and bitshuffle (bit planes).</summary>
internal static class Shuffle
{
    /// <summary>Blosc's byte shuffle: byte k of every whole element together, plane by plane; a trailing part element copied as is.</summary>
    public static void ByteShuffle(ReadOnlySpan<byte> source, Span<byte> dest, int typeSize)
    {
        var elements = source.Length / typeSize;
        for (var k = 0; k < typeSize; k++)
        {
            var plane = dest.Slice(k * elements, elements);
            for (var e = 0; e < elements; e++)
            {
                plane[e] = source[(e * typeSize) + k];
            }
        }

        var done = elements * typeSize;
        source[done..].CopyTo(dest[done..]);
    }

    public static void ByteUnshuffle(ReadOnlySpan<byte> source, Span<byte> dest, int typeSize)
    {
        var elements = source.Length / typeSize;
        for (var k = 0; k < typeSize; k++)
        {
            var plane = source.Slice(k * elements, elements);
            for (var e = 0; e < elements; e++)
            {
                dest[(e * typeSize) + k] = plane[e];
            }
        }

        var done = elements * typeSize;
        source[done..].CopyTo(dest[done..]);
    }

    /// <summary>
    /// Bitshuffle's inverse: bit j of byte k of element i sits at bit <c>(k*8 + j)*n + i</c> of the block (least
    /// significant bit first), for the first n elements, n a multiple of 8; blosc's frame version 2 bitshuffles only
    /// blocks whose element count is a multiple of 8, later versions the leading multiple, the rest copied as is.
    /// </summary>
    public static void BitUnshuffle(ReadOnlySpan<byte> source, Span<byte> dest, int typeSize, int version)
    {
        var elements = source.Length / typeSize;
        if (version <= 2 && elements % 8 != 0)
        {
            source.CopyTo(dest);
            return;
        }

        elements -= elements % 8;
        var done = elements * typeSize;
        dest[..done].Clear();
        for (var k = 0; k < typeSize; k++)
        {
            for (var j = 0; j < 8; j++)
            {
                var row = ((k * 8) + j) * elements;
                for (var i = 0; i < elements; i++)
                {
                    var bit = row + i;
                    if ((source[bit >> 3] & (1 << (bit & 7))) != 0)
                    {
                        dest[(i * typeSize) + k] |= (byte)(1 << j);
                    }
                }
            }
        }

        source[done..].CopyTo(dest[done..]);
    }

    /// <summary>Bitshuffle forward (for tests of the inverse and for writers).</summary>
    public static void BitShuffle(ReadOnlySpan<byte> source, Span<byte> dest, int typeSize)
    {
        var elements = source.Length / typeSize;
        elements -= elements % 8;
        var done = elements * typeSize;
        dest[..done].Clear();
        for (var i = 0; i < elements; i++)
        {
            for (var k = 0; k < typeSize; k++)
            {
                var value = source[(i * typeSize) + k];
                for (var j = 0; j < 8; j++)
                {
                    if ((value & (1 << j)) != 0)
                    {
                        var bit = (((k * 8) + j) * elements) + i;
                        dest[bit >> 3] |= (byte)(1 << (bit & 7));
                    }
                }
            }
        }

        source[done..].CopyTo(dest[done..]);
    }
}
