namespace Formats.Compression;

/// <summary>
/// Joins CRC-32s of consecutive pieces into the CRC-32 of the whole (zlib's <c>crc32_combine</c>): with each
/// chunk hashed by its own worker, the member's CRC comes out without a second pass over the data.
/// </summary>
internal static class Crc32Combine
{
    private const uint Polynomial = 0xEDB88320;

    // X2N[k] = x^(2^k) mod P, in the reflected bit order CRC-32 uses.
    private static readonly uint[] X2N = BuildTable();

    /// <summary>The CRC-32 of A followed by B, given CRC(A), CRC(B) and B's length.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) =>
        lengthB <= 0 ? crcA : MultiplyModP(PowerOfX(lengthB, 3), crcA) ^ crcB;

    private static uint MultiplyModP(uint a, uint b)
    {
        var m = 1u << 31;
        var p = 0u;
        while (true)
        {
            if ((a & m) != 0)
            {
                p ^= b;
                if ((a & (m - 1)) == 0)
                {
                    break;
                }
            }

            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return p;
    }

    // x^(n * 2^k) mod P: lengthB bytes shift the first CRC by 8 * lengthB bit positions (k = 3).
    private static uint PowerOfX(long n, int k)
    {
        var p = 1u << 31; // x^0
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                p = MultiplyModP(X2N[k & 31], p);
            }

            n >>= 1;
            k++;
        }

        return p;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[32];
        var p = 1u << 30; // x^1
        table[0] = p;
        for (var n = 1; n < 32; n++)
        {
            table[n] = p = MultiplyModP(p, p);
        }

        return table;
    }
}
