using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Formats.Compression.Inflate;

/// <summary>The Huffman-coded blocks' decode loop and match copies.</summary>
internal sealed unsafe partial class Inflater
{
    // The hot loop: locals only, pointers rather than base-and-index pairs (fewer registers live, so the JIT keeps
    // them all in registers), one refill per symbol or per up to three literals (56 bits: a length code with its
    // extra bits and a distance code with its extra bits need at most 48).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decode<T>(InflateOutput output, long hardLimit)
        where T : unmanaged, IBinaryInteger<T>
    {
        fixed (uint* litp = currentLiterals, distp = currentDistances)
        {
            var b = bits;
            var n = count;
            var inp = inBase + ip;
            var inFastEnd = inBase + end - 8;
            var start = (T*)output.Buffer.Pointer;
            var o = start + output.Count;
            var safe = start + ((output.Buffer.Capacity - InflateOutput.Slack) / sizeof(T)) - 4;
            if (inp > inFastEnd)
            {
                (bits, count, ip) = (b, n, (int)(inp - inBase));
                SlowRefill();
                (b, n) = (bits, count);
                inp = inBase + ip;
                inFastEnd = inBase + end - 8;
            }
            else
            {
                b |= Unsafe.ReadUnaligned<ulong>(inp) << n;
                inp += (63 - n) >> 3;
                n |= 56;
            }

            var e = litp[b & LiteralMask];
            while (true)
            {
                if (o > safe)
                {
                    var op = o - start;
                    if (op > hardLimit + WindowSize)
                    {
                        Save(output, b, n, inp, op);
                        throw Invalid("the data inflates beyond the limit");
                    }

                    output.Count = op;
                    output.Reserve(Math.Max(op, 1 << 16));
                    start = (T*)output.Buffer.Pointer;
                    o = start + op;
                    safe = start + ((output.Buffer.Capacity - InflateOutput.Slack) / sizeof(T)) - 4;
                }

                int len;
                if ((e & DecodeTable.KindMask) == DecodeTable.Literal)
                {
                    // Up to three literals on one refill (a literal in the primary table takes at most 11 bits).
                    len = (int)(e & 15);
                    b >>= len;
                    n -= len;
                    *o++ = T.CreateTruncating(e >> 16);
                    e = litp[b & LiteralMask];
                    if ((e & DecodeTable.KindMask) == DecodeTable.Literal)
                    {
                        len = (int)(e & 15);
                        b >>= len;
                        n -= len;
                        *o++ = T.CreateTruncating(e >> 16);
                        e = litp[b & LiteralMask];
                        if ((e & DecodeTable.KindMask) == DecodeTable.Literal)
                        {
                            len = (int)(e & 15);
                            b >>= len;
                            n -= len;
                            *o++ = T.CreateTruncating(e >> 16);
                            e = litp[b & LiteralMask];
                        }
                    }
                }
                else
                {
                    if ((e & DecodeTable.KindMask) == DecodeTable.Subtable)
                    {
                        b >>= DecodeTable.LiteralBits;
                        n -= DecodeTable.LiteralBits;
                        e = litp[(e >> 16) + (uint)(b & ((1UL << (int)((e >> 4) & 15)) - 1))];
                    }

                    var kind = e & DecodeTable.KindMask;
                    len = (int)(e & 15);
                    b >>= len;
                    n -= len;
                    if (kind == DecodeTable.Length)
                    {
                        var extra = (int)(e >> 4) & 15;
                        var length = (int)(e >> 16) + (int)(b & ((1UL << extra) - 1));
                        b >>= extra;
                        n -= extra;

                        var d = distp[b & DistanceMask];
                        if ((d & DecodeTable.KindMask) == DecodeTable.Subtable)
                        {
                            b >>= DecodeTable.DistanceBits;
                            n -= DecodeTable.DistanceBits;
                            d = distp[(d >> 16) + (uint)(b & ((1UL << (int)((d >> 4) & 15)) - 1))];
                        }

                        len = (int)(d & 15);
                        b >>= len;
                        n -= len;
                        extra = (int)(d >> 4) & 15;
                        var distance = (nint)(d >> 16) + (nint)(b & ((1UL << extra) - 1));
                        b >>= extra;
                        n -= extra;
                        if ((d & DecodeTable.KindMask) != DecodeTable.Distance || distance > o - start - output.Floor)
                        {
                            Save(output, b, n, inp, o - start);
                            throw Invalid((d & DecodeTable.KindMask) != DecodeTable.Distance ? "invalid distance code" : "invalid distance: too far back");
                        }

                        Copy((byte*)o, distance * sizeof(T), length * sizeof(T));
                        o += length;
                    }
                    else if (kind == DecodeTable.Literal)
                    {
                        *o++ = T.CreateTruncating(e >> 16);
                    }
                    else
                    {
                        Save(output, b, n, inp, o - start);
                        if (kind == DecodeTable.EndOfBlock)
                        {
                            return;
                        }

                        throw Invalid("invalid literal/length code");
                    }

                    // After a match as few as 8 bits may be left: refill before the next lookup.
                    if (inp > inFastEnd)
                    {
                        (bits, count, ip) = (b, n, (int)(inp - inBase));
                        SlowRefill();
                        (b, n) = (bits, count);
                inp = inBase + ip;
                inFastEnd = inBase + end - 8;
                    }
                    else
                    {
                        b |= Unsafe.ReadUnaligned<ulong>(inp) << n;
                        inp += (63 - n) >> 3;
                        n |= 56;
                    }

                    e = litp[b & LiteralMask];
                    continue;
                }

                if (inp > inFastEnd)
                {
                    (bits, count, ip) = (b, n, (int)(inp - inBase));
                    SlowRefill();
                    (b, n) = (bits, count);
                inp = inBase + ip;
                inFastEnd = inBase + end - 8;
                }
                else
                {
                    b |= Unsafe.ReadUnaligned<ulong>(inp) << n;
                    inp += (63 - n) >> 3;
                    n |= 56;
                }
            }
        }
    }

    private void Save(InflateOutput output, ulong b, int n, byte* inp, long op)
    {
        (bits, count, ip) = (b, n, (int)(inp - inBase));
        output.Count = op;
    }

    // Copies a match of byteLength bytes from byteDistance back, overlapping as deflate means it, 4 to 16 bytes at a
    // time (writing up to 15 bytes past its end, into the output's slack).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(byte* dst, long byteDistance, long byteLength)
    {
        var src = dst - byteDistance;
        if (byteDistance >= 16)
        {
            var i = 0L;
            do
            {
                Vector128.Store(Vector128.Load(src + i), dst + i);
                i += 16;
            }
            while (i < byteLength);
        }
        else if (byteLength <= 8)
        {
            if (byteDistance >= 8)
            {
                Unsafe.WriteUnaligned(dst, Unsafe.ReadUnaligned<ulong>(src));
            }
            else if (byteDistance >= 4)
            {
                Unsafe.WriteUnaligned(dst, Unsafe.ReadUnaligned<uint>(src));
                Unsafe.WriteUnaligned(dst + 4, Unsafe.ReadUnaligned<uint>(src + 4));
            }
            else
            {
                for (var k = 0; k < byteLength; k++)
                {
                    dst[k] = src[k];
                }
            }
        }
        else
        {
            CopyRepeating(dst, src, byteDistance, byteLength);
        }
    }

    // A long match from less than 16 bytes back: the output repeats with the distance as its period. The first 16
    // bytes are copied in steps the distance allows; after them, 16 bytes at a time from a multiple of the period
    // back (a register when the period divides 16).
    private static void CopyRepeating(byte* dst, byte* src, long byteDistance, long byteLength)
    {
        if (byteDistance >= 8)
        {
            Unsafe.WriteUnaligned(dst, Unsafe.ReadUnaligned<ulong>(src));
            Unsafe.WriteUnaligned(dst + 8, Unsafe.ReadUnaligned<ulong>(src + 8));
        }
        else if (byteDistance >= 4)
        {
            for (var k = 0; k < 16; k += 4)
            {
                Unsafe.WriteUnaligned(dst + k, Unsafe.ReadUnaligned<uint>(src + k));
            }
        }
        else
        {
            for (var k = 0; k < 16; k++)
            {
                dst[k] = src[k];
            }
        }

        if (16 % byteDistance == 0)
        {
            var pattern = Vector128.Load(dst);
            for (var i = 16L; i < byteLength; i += 16)
            {
                Vector128.Store(pattern, dst + i);
            }

            return;
        }

        var stride = byteDistance;
        while (stride < 16)
        {
            stride += byteDistance;
        }

        for (var i = 16L; i < byteLength; i += 16)
        {
            Vector128.Store(Vector128.Load(dst + i - stride), dst + i);
        }
    }
}
