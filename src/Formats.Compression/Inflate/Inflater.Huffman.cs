using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Formats.Compression.Inflate;

/// <summary>The Huffman-coded blocks' decode loop and match copies.</summary>
internal sealed unsafe partial class Inflater
{
    // Why the fast loop stopped.
    private enum Stop
    {
        NeedInput,
        NeedOutput,
        EndOfBlock,
        InvalidLiteral,
        InvalidDistance,
        TooFarBack,
    }

    // Row d (1-15): byte i of the pattern that repeats with period d, as an index into the period's first d bytes.
    private static ReadOnlySpan<byte> PeriodMasks =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
        0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0,
        0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
        0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0,
        0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3,
        0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,
        0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 6,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2, 3, 4,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 1, 2,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0, 1,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0
    ];

    // Runs the call-free fast loop, and between its runs does what it cannot: slide the input window, feed the zero
    // padding at the stream's end, grow the output, and turn a stop for bad data into an exception.
    private void Decode<T>(InflateOutput output, long hardLimit)
        where T : unmanaged, IBinaryInteger<T>
    {
        fixed (ulong* litp = currentLiterals)
        fixed (uint* distp = currentDistances)
        {
            while (true)
            {
                var start = (T*)output.Buffer.Pointer;
                var o = start + output.Count;
                // Stops at the buffer's end and past the limit, whichever comes first (a pooled buffer may be larger).
                var safe = start + Math.Min(((output.Buffer.Capacity - InflateOutput.Slack) / sizeof(T)) - 4, Math.Min(hardLimit, long.MaxValue / 2) + WindowSize);
                var inp = inBase + ip;
                var b = bits;
                var n = count;
                var stop = DecodeFast(litp, distp, ref b, ref n, ref inp, inBase + end - 8, ref o, safe, start + output.Floor);
                (bits, count, ip) = (b, n, (int)(inp - inBase));
                output.Count = o - start;
                switch (stop)
                {
                    case Stop.EndOfBlock:
                        return;
                    case Stop.NeedInput:
                        // Slides the window, or past the range's end feeds its zero padding (and fails once that runs
                        // out): the fast loop then decodes at least one more symbol from the bits in hand.
                        SlowRefill();
                        break;
                    case Stop.NeedOutput:
                        if (output.Count > hardLimit + WindowSize)
                        {
                            throw Invalid(LimitPassed);
                        }

                        output.Reserve(Math.Max(output.Count, 1 << 16));
                        break;
                    case Stop.InvalidDistance:
                        throw Invalid("invalid distance code");
                    case Stop.TooFarBack:
                        throw Invalid("invalid distance: too far back");
                    default:
                        throw Invalid("invalid literal/length code");
                }
            }
        }
    }

    // The hot loop (libdeflate's). It makes no calls, so the JIT keeps the bit buffer and pointers in registers (a
    // call anywhere in the loop made it spill them to the stack on every symbol); what a call would do, it leaves to
    // Decode by stopping. The bit count n is right in its low 8 bits only: whole entries are subtracted from it, as
    // the entries' low bits are the bits they consume (C# masks shift counts to 6 bits).
    //
    // The critical path is the chain of table lookups through the bit buffer, so nothing else is put on it: the next
    // entry is looked up before the refill that precedes its use (a refill sets only bits above the n in hand), and
    // a match is decoded without a refill between its length and its distance unless fewer than 39 bits are left
    // (a distance code with its extra bits, then a primary literal/length code). A refill gives at least 56 bits;
    // near the input's end, where it cannot, every symbol starts with at least 48 in hand and its entry is looked up
    // afresh.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Stop DecodeFast<T>(
        ulong* litp,
        uint* distp,
        ref ulong bitsRef,
        ref int countRef,
        ref byte* inpRef,
        byte* inFastEnd,
        ref T* oRef,
        T* safe,
        T* lowest)
        where T : unmanaged, IBinaryInteger<T>
    {
        var b = bitsRef;
        var n = countRef;
        var inp = inpRef;
        var o = oRef;
        Stop stop;
        if (inp <= inFastEnd)
        {
            b |= Unsafe.ReadUnaligned<ulong>(inp) << n;
            inp += (uint)~n >> 3 & 7;
            n |= 56;
        }

        var e = litp[b & LiteralMask];
        while (true)
        {
            if (inp <= inFastEnd)
            {
                b |= Unsafe.ReadUnaligned<ulong>(inp) << n;
                inp += (uint)~n >> 3 & 7;
                n |= 56;
            }
            else
            {
                if ((byte)n < 48)
                {
                    stop = Stop.NeedInput;
                    break;
                }

                e = litp[b & LiteralMask];
            }

            if (o > safe)
            {
                stop = Stop.NeedOutput;
                break;
            }

            nint length;
            if ((int)e < 0)
            {
                // Up to three literals on one refill (a literal in the primary table takes at most 11 bits). A literal
                // paired with the length code after it consumes both, and the match's distance comes next (at least
                // 23 bits are left: enough for a primary distance entry, then the refill below). A length after one
                // or two literals is decoded at once: at least 34 bits are left for it.
                b >>= (int)e;
                n -= (int)e;
                *o++ = T.CreateTruncating((byte)(e >> 16));
                if ((e & DecodeTable.PairFlag) != 0)
                {
                    length = PairedLength(e);
                    goto Distance;
                }

                if (inp > inFastEnd)
                {
                    // Near the input's end one symbol a pass: the 48 bits in hand may not cover more.
                    continue;
                }

                e = litp[b & LiteralMask];
                if ((int)e < 0)
                {
                    b >>= (int)e;
                    n -= (int)e;
                    *o++ = T.CreateTruncating((byte)(e >> 16));
                    if ((e & DecodeTable.PairFlag) != 0)
                    {
                        length = PairedLength(e);
                        goto Distance;
                    }

                    e = litp[b & LiteralMask];
                    if ((int)e < 0)
                    {
                        b >>= (int)e;
                        n -= (int)e;
                        *o++ = T.CreateTruncating((byte)(e >> 16));
                        if ((e & DecodeTable.PairFlag) != 0)
                        {
                            length = PairedLength(e);
                            goto Distance;
                        }

                        e = litp[b & LiteralMask];
                        continue;
                    }
                }
            }

            if ((e & DecodeTable.Exceptional) != 0)
            {
                if ((e & DecodeTable.SubtableFlag) == 0)
                {
                    stop = (e & DecodeTable.EndOfBlockFlag) != 0 ? Stop.EndOfBlock : Stop.InvalidLiteral;
                    b >>= (int)e;
                    n -= (int)e;
                    break;
                }

                b >>= DecodeTable.LiteralBits;
                n -= DecodeTable.LiteralBits;
                e = litp[(uint)(e >> 16) + (uint)(b & ((1UL << (int)(e >> 8)) - 1))];
                if ((int)e < 0)
                {
                    b >>= (int)e;
                    n -= (int)e;
                    *o++ = T.CreateTruncating((byte)(e >> 16));
                    e = litp[b & LiteralMask];
                    continue;
                }

                if ((e & DecodeTable.Exceptional) != 0)
                {
                    stop = (e & DecodeTable.EndOfBlockFlag) != 0 ? Stop.EndOfBlock : Stop.InvalidLiteral;
                    b >>= (int)e;
                    n -= (int)e;
                    break;
                }
            }

            // A length: its code and extra bits go in one shift; the extra bits are what lay above the code.
            var saved = b;
            b >>= (int)e;
            n -= (int)e;
            length = (nint)((uint)(e >> 16) + (uint)(LowBits(saved, (uint)e) >> (int)(e >> 8)));

        Distance:
            var d = distp[b & DistanceMask];
            if ((byte)n < 39 && inp <= inFastEnd)
            {
                b |= Unsafe.ReadUnaligned<ulong>(inp) << n;
                inp += (uint)~n >> 3 & 7;
                n |= 56;
            }

            if ((d & DecodeTable.Exceptional) != 0)
            {
                if ((d & DecodeTable.SubtableFlag) == 0)
                {
                    stop = Stop.InvalidDistance;
                    break;
                }

                b >>= DecodeTable.DistanceBits;
                n -= DecodeTable.DistanceBits;
                d = distp[(d >> 16) + (uint)(b & ((1UL << (int)(d >> 8)) - 1))];
                if ((d & DecodeTable.Exceptional) != 0)
                {
                    stop = Stop.InvalidDistance;
                    break;
                }
            }

            var savedD = b;
            b >>= (int)d;
            n -= (int)d;
            var distance = (nint)((d >> 16) + (uint)(LowBits(savedD, d) >> (int)(d >> 8)));
            if (distance > o - lowest)
            {
                stop = Stop.TooFarBack;
                break;
            }

            Copy(o, distance, length);
            o += length;
            e = litp[b & LiteralMask];
        }

        bitsRef = b;
        countRef = n & 0xFF;
        inpRef = inp;
        oRef = o;
        return stop;
    }

    // The length a paired literal entry (DecodeTable.PairFlag) consumed with it: the value of its upper entry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint PairedLength(ulong entry) => (nint)((entry >> 48) & 0x7FFF);

    // The low bits of value that the entry's bits 0-7 count (its code and extra bits); one BZHI where there is one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowBits(ulong value, uint entry) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.ZeroHighBits(value, entry) : value & ((1UL << (int)entry) - 1);

    // Copies a match of length elements from distance back, overlapping as deflate means it. Short matches from
    // close behind go an element at a time: a wide load there would straddle the last few stores (a literal's, the
    // previous match's) and wait for them to reach the cache instead of being forwarded. Longer ones go 16 bytes at
    // a time, from the source when it lies 16 bytes back or more, else as the period's pattern stored over and over.
    // Writes up to 15 bytes past the match's end, into the output's slack.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* o, nint distance, nint length)
        where T : unmanaged
    {
        var byteDistance = distance * sizeof(T);
        var byteLength = length * sizeof(T);
        if (byteLength <= 16 && byteDistance < 64)
        {
            // Every match is at least 3 long.
            var from = o - distance;
            o[0] = from[0];
            o[1] = from[1];
            o[2] = from[2];
            for (nint i = 3; i < length; i++)
            {
                o[i] = from[i];
            }

            return;
        }

        var dst = (byte*)o;
        var stop = dst + byteLength;
        if (byteDistance >= 16)
        {
            var src = dst - byteDistance;
            do
            {
                Vector128.Store(Vector128.Load(src), dst);
                src += 16;
                dst += 16;
            }
            while (dst < stop);
            return;
        }

        var mask = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(PeriodMasks), (nuint)(byteDistance * 16));
        var pattern = Vector128.ShuffleNative(Vector128.Load(dst - byteDistance), mask);
        var step = 16 - (16 % byteDistance);
        do
        {
            Vector128.Store(pattern, dst);
            dst += step;
        }
        while (dst < stop);
    }
}
