using System.Runtime.CompilerServices;

namespace Formats.Compression.Inflate;

// The bit input: a 64-bit buffer refilled from a sliding pinned window of the compressed bytes.
internal sealed unsafe partial class Inflater
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Consume(int n)
    {
        bits >>= n;
        count -= n;
    }

    private void EnsureBits()
    {
        if (count < 32)
        {
            Refill();
        }
    }

    private void Refill()
    {
        if (ip > end - 8)
        {
            SlowRefill();
            return;
        }

        bits |= Unsafe.ReadUnaligned<ulong>(inBase + ip) << count;
        ip += (63 - count) >> 3;
        count |= 56;
    }

    // Near the end of the buffer: slide and read on, or, with the range exhausted, feed the zero padding (a block
    // that reads into it is caught after it ends) and fail once the padding runs out (no endless decoding of zeros).
    private void SlowRefill()
    {
        if (!exhausted)
        {
            Slide();
        }

        if (ip > end - 8)
        {
            throw Invalid(EndsEarly);
        }

        bits |= Unsafe.ReadUnaligned<ulong>(inBase + ip) << count;
        ip += (63 - count) >> 3;
        count |= 56;
    }

    // Moves the unread bytes (and the 8 before them, which may still sit in the bit buffer) to the buffer's start
    // and reads on behind them.
    private void Slide()
    {
        var from = Math.Max(0, ip - 8);
        var keep = realEnd - from;
        if (keep > 0)
        {
            Buffer.MemoryCopy(inBase + from, inBase, inputSize, keep);
        }

        inputOffset += from;
        ip -= from;
        Fill(Math.Max(keep, 0));
    }

    private void Load(long byteOffset)
    {
        inputOffset = Math.Min(byteOffset, rangeLength);
        ip = 0;
        bits = 0;
        count = 0;
        Fill(0);
    }

    private void Fill(int kept)
    {
        var want = (int)Math.Min(inputSize - kept, rangeLength - inputOffset - kept);
        var got = 0;
        while (got < want)
        {
            var n = source.ReadAt(rangeStart + inputOffset + kept + got, new Span<byte>(inBase + kept + got, want - got));
            if (n <= 0)
            {
                break;
            }

            got += n;
        }

        realEnd = kept + got;
        exhausted = inputOffset + realEnd >= rangeLength || got < want;
        end = realEnd;
        if (exhausted)
        {
            new Span<byte>(inBase + realEnd, Padding).Clear();
            end = realEnd + Padding - 8;
        }
    }
}
