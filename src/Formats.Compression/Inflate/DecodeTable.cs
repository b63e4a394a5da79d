using Formats.Compression.Deflate;

namespace Formats.Compression.Inflate;

/// <summary>
/// Huffman decode tables for the inflater, looked up with the next bits of the stream (least significant first):
/// a primary table of <c>2^primaryBits</c> entries, and subtables for the rare longer codes.
/// </summary>
/// <remarks>
/// An entry is a <see cref="uint"/>: bits 0-3 the code bits it consumes, bits 4-7 the extra bits that follow
/// (or a subtable's index bits), bits 8-10 its <see cref="Kind"/>, bits 16-31 its value (a literal, a length or
/// distance base, a code-length symbol, a subtable's start). Codes are accepted exactly when zlib accepts them:
/// never over-subscribed, complete unless the longest code is one bit long.
/// </remarks>
internal static class DecodeTable
{
    public const int LiteralBits = 11;
    public const int DistanceBits = 8;
    public const int CodeLengthBits = 7;

    // Enough for any valid code: each of at most 286 long codes opens at most one subtable of at most 2^(15 - bits).
    public const int LiteralSize = (1 << LiteralBits) + (286 << (15 - LiteralBits));
    public const int DistanceSize = (1 << DistanceBits) + (30 << (15 - DistanceBits));
    public const int CodeLengthSize = 1 << CodeLengthBits;

    public const uint KindMask = 7 << 8;
    public const uint Literal = 0 << 8;
    public const uint Length = 1 << 8;
    public const uint EndOfBlock = 2 << 8;
    public const uint Subtable = 3 << 8;
    public const uint Invalid = 4 << 8;
    public const uint Distance = 5 << 8;
    public const uint Symbol = 6 << 8;

    /// <summary>The fixed literal/length code of RFC 1951, 3.2.6.</summary>
    public static readonly uint[] FixedLiterals = BuildFixed(DeflateTables.FixedLiteralLengths, LiteralSize, LiteralBits, Kind.LiteralLength);

    /// <summary>The fixed distance code (32 five-bit codes, of which 30 and 31 are invalid).</summary>
    public static readonly uint[] FixedDistances = BuildFixed(Enumerable.Repeat((byte)5, 32).ToArray(), DistanceSize, DistanceBits, Kind.Distance);

    /// <summary>What the symbols of a code stand for.</summary>
    public enum Kind
    {
        LiteralLength,
        Distance,
        CodeLength,
    }

    /// <summary>Fills <paramref name="table"/> for the code with these lengths; false when zlib would refuse the code.</summary>
    /// <param name="lengths">Code length per symbol (0: unused).</param>
    /// <param name="table">At least the size for <paramref name="kind"/>.</param>
    /// <param name="primaryBits">Bits of the primary table.</param>
    /// <param name="kind">What the symbols stand for.</param>
    /// <param name="scratch">At least <c>2^primaryBits</c> ints.</param>
    public static bool TryBuild(ReadOnlySpan<byte> lengths, Span<uint> table, int primaryBits, Kind kind, Span<int> scratch)
    {
        Span<int> count = stackalloc int[16];
        foreach (var l in lengths)
        {
            count[l]++;
        }

        count[0] = 0;
        var left = 1;
        var max = 0;
        for (var len = 1; len <= 15; len++)
        {
            left = (left << 1) - count[len];
            if (left < 0)
            {
                return false;
            }

            if (count[len] != 0)
            {
                max = len;
            }
        }

        // zlib: an incomplete code is allowed only when it is a single one-bit code (or empty: no symbol decodes).
        if (left > 0 && max > 1)
        {
            return false;
        }

        if (kind == Kind.CodeLength && left > 0 && max > 0)
        {
            return false;
        }

        var primarySize = 1 << primaryBits;
        table[..primarySize].Fill(Invalid);
        Span<int> next = stackalloc int[16];
        var code = 0;
        for (var len = 1; len <= 15; len++)
        {
            code = (code + count[len - 1]) << 1;
            next[len] = code;
        }

        // Subtables: sized by the longest code sharing each primary prefix.
        var subBits = scratch[..primarySize];
        subBits.Clear();
        var hasLong = max > primaryBits;
        if (hasLong)
        {
            Span<int> probe = stackalloc int[16];
            next.CopyTo(probe);
            for (var s = 0; s < lengths.Length; s++)
            {
                int len = lengths[s];
                if (len > primaryBits)
                {
                    var rev = Reverse(probe[len]++, len);
                    var prefix = rev & (primarySize - 1);
                    subBits[prefix] = Math.Max(subBits[prefix], len - primaryBits);
                }
            }

            var offset = primarySize;
            for (var prefix = 0; prefix < primarySize; prefix++)
            {
                if (subBits[prefix] != 0)
                {
                    var size = 1 << subBits[prefix];
                    table.Slice(offset, size).Fill(Invalid);
                    table[prefix] = ((uint)offset << 16) | Subtable | ((uint)subBits[prefix] << 4) | (uint)primaryBits;
                    subBits[prefix] = offset;
                    offset += size;
                }
            }
        }

        for (var s = 0; s < lengths.Length; s++)
        {
            int len = lengths[s];
            if (len == 0)
            {
                continue;
            }

            var rev = Reverse(next[len]++, len);
            var value = Value(kind, s);
            if (len <= primaryBits)
            {
                var entry = value | (uint)len;
                for (var i = rev; i < primarySize; i += 1 << len)
                {
                    table[i] = entry;
                }
            }
            else
            {
                var start = subBits[rev & (primarySize - 1)];
                var bits = (int)(table[rev & (primarySize - 1)] >> 4) & 15;
                var entry = value | (uint)(len - primaryBits);
                for (var i = rev >> primaryBits; i < 1 << bits; i += 1 << (len - primaryBits))
                {
                    table[start + i] = entry;
                }
            }
        }

        return true;
    }

    private static uint Value(Kind kind, int symbol) => kind switch
    {
        Kind.LiteralLength when symbol < 256 => ((uint)symbol << 16) | Literal,
        Kind.LiteralLength when symbol == 256 => EndOfBlock,
        Kind.LiteralLength when symbol < 286 => ((uint)DeflateTables.LengthBase[symbol - 257] << 16)
            | Length | ((uint)DeflateTables.LengthExtra[symbol - 257] << 4),
        Kind.Distance when symbol < 30 => ((uint)DeflateTables.DistanceBase[symbol] << 16)
            | Distance | ((uint)DeflateTables.DistanceExtra[symbol] << 4),
        Kind.CodeLength => ((uint)symbol << 16) | Symbol,
        _ => Invalid,
    };

    private static int Reverse(int code, int length)
    {
        var r = 0;
        for (var i = 0; i < length; i++)
        {
            r = (r << 1) | (code & 1);
            code >>= 1;
        }

        return r;
    }

    private static uint[] BuildFixed(byte[] lengths, int size, int bits, Kind kind)
    {
        var table = new uint[size];
        if (!TryBuild(lengths, table, bits, kind, new int[1 << bits]))
        {
            throw new InvalidOperationException("the fixed code does not build");
        }

        return table;
    }
}
