using System.Runtime.CompilerServices;

namespace Formats.Compression.Inflate;

/// <summary>The block finder: where a chunk's guessed block start comes from.</summary>
internal sealed unsafe partial class Inflater
{
    /// <summary>
    /// The first bit offset in [<paramref name="from"/>, <paramref name="until"/>) where a non-final dynamic-Huffman
    /// block header parses with codes zlib accepts, or -1; leaves the decoder positioned after that header's codes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long FindBlock(long from, long until)
    {
        until = Math.Min(until, (rangeLength * 8) - 80);
        for (var p = from; p < until; p++)
        {
            var byteOffset = p >> 3;
            if (byteOffset < inputOffset || byteOffset + 24 > inputOffset + realEnd)
            {
                Load(byteOffset);
                if (byteOffset + 24 > inputOffset + realEnd)
                {
                    return -1;
                }
            }

            var at = inBase + (byteOffset - inputOffset);
            var w = Unsafe.ReadUnaligned<ulong>(at) >> (int)(p & 7);

            // BFINAL 0, BTYPE 10; at most 286 literal/length and 30 distance codes.
            if ((w & 7) != 4 || ((w >> 3) & 31) > 29 || ((w >> 8) & 31) > 29)
            {
                continue;
            }

            // The code-length code must be complete (Kraft sum exactly 1, in units of 2^-7).
            var hclen = (int)((w >> 13) & 15) + 4;
            var c = Unsafe.ReadUnaligned<ulong>(inBase + ((p + 17) >> 3) - inputOffset) >> (int)((p + 17) & 7);
            var sum = 0;
            for (var i = 0; i < hclen; i++)
            {
                var l = (int)(c >> (3 * i)) & 7;
                if (l != 0)
                {
                    sum += 128 >> l;
                }
            }

            if (sum != 128)
            {
                continue;
            }

            Seek(p);
            Consume(3);
            if (TryReadCodes())
            {
                return p;
            }
        }

        return -1;
    }
}
