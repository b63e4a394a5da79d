using System.Numerics;
using Formats.Compression.Deflate;

namespace Formats.Compression.Inflate;

/// <summary>
/// Huffman decode tables for the inflater, looked up with the next bits of the stream (least significant first):
/// a primary table of <c>2^primaryBits</c> entries, and subtables for the rare longer codes.
/// </summary>
/// <remarks>
/// An entry is a <see cref="uint"/> laid out as libdeflate's are, so the loop consumes a code and its extra bits
/// with one shift (C# masks shift counts to 6 bits, so the entry itself is the count): bits 0-4 the bits it
/// consumes (code bits at this level plus extra bits; a subtable pointer: the primary bits), bits 8-11 the code bits
/// at this level (the extra bits follow them; a subtable pointer: its index bits), bits 12-13 clear (so
/// <c>(int)(e &gt;&gt; 8)</c> masked to 6 bits is that field), bit 15 <see cref="Exceptional"/> (with bit 14
/// <see cref="SubtableFlag"/> or bit 12 <see cref="EndOfBlockFlag"/>, or neither: an invalid code), bit 31
/// <see cref="LiteralFlag"/>, bits 16-30 the value (a literal, a length or distance base, a code-length symbol, a
/// subtable's start). Codes are accepted exactly when zlib accepts them: never over-subscribed, complete unless the
/// longest code is one bit long.
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

    /// <summary>Not a literal, length, distance or code-length symbol: a subtable pointer, the end of block, or invalid.</summary>
    public const uint Exceptional = 1 << 15;

    /// <summary>With <see cref="Exceptional"/>: the entry points to a subtable.</summary>
    public const uint SubtableFlag = 1 << 14;

    /// <summary>With <see cref="Exceptional"/>: the end-of-block code.</summary>
    public const uint EndOfBlockFlag = 1 << 12;

    /// <summary>A literal (the sign bit, so one test tells it).</summary>
    public const uint LiteralFlag = 1u << 31;

    /// <summary>A code no valid stream uses.</summary>
    public const uint Invalid = Exceptional;

    /// <summary>
    /// On a literal, after <see cref="AddPairs"/>: the bits after the literal's code hold a whole length code without
    /// extra bits, which the entry consumes too (its bits 0-4 count both codes); the length's entry is the upper 32
    /// bits. One lookup and one shift less on the decoder's critical path.
    /// </summary>
    public const ulong PairFlag = 1 << 13;

    /// <summary>The fixed literal/length code of RFC 1951, 3.2.6, with pairs (<see cref="AddPairs"/>).</summary>
    public static readonly ulong[] FixedLiterals = BuildFixedPairs();

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
    /// <typeparam name="T">The entry type: <see cref="uint"/>, or <see cref="ulong"/> for a table that may get pairs.</typeparam>
    public static bool TryBuild<T>(ReadOnlySpan<byte> lengths, Span<T> table, int primaryBits, Kind kind, Span<int> scratch)
        where T : unmanaged, IBinaryInteger<T>
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
        table[..primarySize].Fill(T.CreateTruncating(Invalid));
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
                    table.Slice(offset, size).Fill(T.CreateTruncating(Invalid));
                    table[prefix] = T.CreateTruncating(((uint)offset << 16) | Exceptional | SubtableFlag | ((uint)subBits[prefix] << 8) | (uint)primaryBits);
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
            if (len <= primaryBits)
            {
                var entry = T.CreateTruncating(Entry(kind, s, len));
                for (var i = rev; i < primarySize; i += 1 << len)
                {
                    table[i] = entry;
                }
            }
            else
            {
                var start = subBits[rev & (primarySize - 1)];
                var bits = (int)(uint.CreateTruncating(table[rev & (primarySize - 1)]) >> 8) & 15;
                var entry = T.CreateTruncating(Entry(kind, s, len - primaryBits));
                for (var i = rev >> primaryBits; i < 1 << bits; i += 1 << (len - primaryBits))
                {
                    table[start + i] = entry;
                }
            }
        }

        return true;
    }

    // The entry for a symbol whose code has codeBits bits at its table's level.
    private static uint Entry(Kind kind, int symbol, int codeBits)
    {
        var code = (uint)codeBits | ((uint)codeBits << 8);
        return kind switch
        {
            Kind.LiteralLength when symbol < 256 => LiteralFlag | ((uint)symbol << 16) | code,
            Kind.LiteralLength when symbol == 256 => Exceptional | EndOfBlockFlag | code,
            Kind.LiteralLength when symbol < 286 => ((uint)DeflateTables.LengthBase[symbol - 257] << 16)
                | (code + DeflateTables.LengthExtra[symbol - 257]),
            Kind.Distance when symbol < 30 => ((uint)DeflateTables.DistanceBase[symbol] << 16)
                | (code + DeflateTables.DistanceExtra[symbol]),
            Kind.CodeLength => ((uint)symbol << 16) | code,
            _ => Invalid,
        };
    }

    // The code's bits in reverse order (deflate sends codes most significant bit first into an LSB-first stream).
    private static int Reverse(int code, int length) =>
        ((ReversedBytes[code & 0xFF] << 8) | ReversedBytes[code >> 8]) >> (16 - length);

    private static ReadOnlySpan<byte> ReversedBytes =>
    [
        0, 128, 64, 192, 32, 160, 96, 224, 16, 144, 80, 208, 48, 176, 112, 240,
        8, 136, 72, 200, 40, 168, 104, 232, 24, 152, 88, 216, 56, 184, 120, 248,
        4, 132, 68, 196, 36, 164, 100, 228, 20, 148, 84, 212, 52, 180, 116, 244,
        12, 140, 76, 204, 44, 172, 108, 236, 28, 156, 92, 220, 60, 188, 124, 252,
        2, 130, 66, 194, 34, 162, 98, 226, 18, 146, 82, 210, 50, 178, 114, 242,
        10, 138, 74, 202, 42, 170, 106, 234, 26, 154, 90, 218, 58, 186, 122, 250,
        6, 134, 70, 198, 38, 166, 102, 230, 22, 150, 86, 214, 54, 182, 118, 246,
        14, 142, 78, 206, 46, 174, 110, 238, 30, 158, 94, 222, 62, 190, 126, 254,
        1, 129, 65, 193, 33, 161, 97, 225, 17, 145, 81, 209, 49, 177, 113, 241,
        9, 137, 73, 201, 41, 169, 105, 233, 25, 153, 89, 217, 57, 185, 121, 249,
        5, 133, 69, 197, 37, 165, 101, 229, 21, 149, 85, 213, 53, 181, 117, 245,
        13, 141, 77, 205, 45, 173, 109, 237, 29, 157, 93, 221, 61, 189, 125, 253,
        3, 131, 67, 195, 35, 163, 99, 227, 19, 147, 83, 211, 51, 179, 115, 243,
        11, 139, 75, 203, 43, 171, 107, 235, 27, 155, 91, 219, 59, 187, 123, 251,
        7, 135, 71, 199, 39, 167, 103, 231, 23, 151, 87, 215, 55, 183, 119, 247,
        15, 143, 79, 207, 47, 175, 111, 239, 31, 159, 95, 223, 63, 191, 127, 255
    ];

    /// <summary>
    /// Pairs, in place, each primary literal entry of the literal/length table built from <paramref name="lengths"/>
    /// with the entry of the length code that follows it where both codes fit in the primary bits and the length has
    /// no extra bits (3 to 10; <see cref="PairFlag"/>): where one literal comes before each short match, as in
    /// ascending integers, that saves a lookup and a shift per match. Literal-literal pairs are left out: in
    /// literal-heavy data whether a pair follows is a coin toss the branch predictor loses. Skipped when no length
    /// code is short enough to pair.
    /// </summary>
    public static void AddPairs(ReadOnlySpan<byte> lengths, Span<ulong> table)
    {
        const int primarySize = 1 << LiteralBits;
        var shortestLiteral = 16;
        var shortestLength = 16;
        for (var s = 0; s < lengths.Length; s++)
        {
            int len = lengths[s];
            if (len == 0)
            {
                continue;
            }

            if (s < 256)
            {
                shortestLiteral = Math.Min(shortestLiteral, len);
            }
            else if (s > 256)
            {
                shortestLength = Math.Min(shortestLength, len);
            }
        }

        if (shortestLiteral + shortestLength > LiteralBits)
        {
            return;
        }

        for (var i = 0; i < primarySize; i++)
        {
            var first = (uint)table[i];
            if ((int)first < 0)
            {
                var second = (uint)table[i >> (int)(first & 31)];
                if ((int)second >= 0
                    && (second & Exceptional) == 0
                    && (second & 31) == ((second >> 8) & 15)
                    && (first & 31) + (second & 31) <= LiteralBits)
                {
                    table[i] = ((first & ~31u) + (first & 31) + (second & 31)) | PairFlag | ((ulong)second << 32);
                }
            }
        }
    }

    private static ulong[] BuildFixedPairs()
    {
        var table = new ulong[LiteralSize];
        if (!TryBuild<ulong>(DeflateTables.FixedLiteralLengths, table, LiteralBits, Kind.LiteralLength, new int[1 << LiteralBits]))
        {
            throw new InvalidOperationException("the fixed code does not build");
        }

        AddPairs(DeflateTables.FixedLiteralLengths, table);
        return table;
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
