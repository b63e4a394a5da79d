namespace Formats.Compression.Deflate;

/// <summary>The fixed tables of RFC 1951: length and distance codes, their extra bits, the fixed Huffman code.</summary>
internal static class DeflateTables
{
    public const int LiteralLengthSymbols = 286;
    public const int DistanceSymbols = 30;
    public const int CodeLengthSymbols = 19;
    public const int EndOfBlock = 256;
    public const int MaxCodeLength = 15;
    public const int MaxCodeLengthCodeLength = 7;

    public static readonly ushort[] LengthBase =
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    public static readonly byte[] LengthExtra =
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    // Static fields initialise in textual order: the code tables come after the base and extra-bit tables they read.

    /// <summary>Length code (0..28, symbol 257 + code) for a match length minus 3.</summary>
    public static readonly byte[] LengthCode = BuildLengthCodes();

    public static readonly ushort[] DistanceBase =
    [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ];

    public static readonly byte[] DistanceExtra =
        [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    /// <summary>The order in which code-length code lengths are sent.</summary>
    public static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>Distance code for distance-1 below 256 at [d], else at [256 + (d >> 7)].</summary>
    public static readonly byte[] DistanceCode = BuildDistanceCodes();

    public static readonly byte[] FixedLiteralLengths = BuildFixedLiteralLengths();

    public static readonly byte[] FixedDistanceLengths = Enumerable.Repeat((byte)5, DistanceSymbols).ToArray();

    public static int DistanceCodeOf(int distanceMinusOne) =>
        distanceMinusOne < 256 ? DistanceCode[distanceMinusOne] : DistanceCode[256 + (distanceMinusOne >> 7)];

    private static byte[] BuildLengthCodes()
    {
        var codes = new byte[256];
        for (var code = 0; code < LengthBase.Length; code++)
        {
            var first = LengthBase[code] - 3;
            for (var i = 0; i < 1 << LengthExtra[code] && first + i < codes.Length; i++)
            {
                codes[first + i] = (byte)code;
            }
        }

        return codes;
    }

    private static byte[] BuildDistanceCodes()
    {
        var codes = new byte[512];
        for (var code = 0; code < DistanceSymbols; code++)
        {
            var first = DistanceBase[code] - 1;
            var count = 1 << DistanceExtra[code];
            for (var d = first; d < first + count; d++)
            {
                if (d < 256)
                {
                    codes[d] = (byte)code;
                }
                else
                {
                    codes[256 + (d >> 7)] = (byte)code;
                }
            }
        }

        return codes;
    }

    private static byte[] BuildFixedLiteralLengths()
    {
        var lengths = new byte[288];
        for (var s = 0; s < 288; s++)
        {
            lengths[s] = s switch
            {
                < 144 => 8,
                < 256 => 9,
                < 280 => 7,
                _ => 8,
            };
        }

        return lengths;
    }
}
