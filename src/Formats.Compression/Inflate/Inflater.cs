using Formats.Compression.Deflate;

namespace Formats.Compression.Inflate;

/// <summary>
/// A raw deflate decoder that starts at any bit offset of a deflate stream and stops between blocks: what
/// <see cref="System.IO.Compression.DeflateStream"/> cannot do, and parallel inflate needs. Decodes into
/// <see cref="InflateOutput"/>, as bytes or (from a guessed block start, with the window unknown) as two-byte
/// elements with markers.
/// </summary>
/// <remarks>
/// <para>
/// The loop follows libdeflate's ideas: a 64-bit bit buffer refilled without branches to at least 56 bits, which is
/// enough for a whole length/distance pair; one table lookup per code for all but rare long codes; matches copied
/// 8 or 16 bytes at a time into output that always has <see cref="InflateOutput.Slack"/> free behind it.
/// </para>
/// <para>
/// It refuses exactly what zlib refuses (invalid codes, distances before the output's start, bad stored lengths,
/// codes zlib will not build) by throwing <see cref="InvalidDataException"/>; callers fall back to zlib then, so
/// the error a user sees is zlib's.
/// </para>
/// </remarks>
internal sealed unsafe partial class Inflater : IDisposable
{
    public const int WindowSize = 32768;

    /// <summary>The message when the stream ends inside a block.</summary>
    public const string EndsEarly = "the deflate data ends early";

    private const string LimitPassed = "the data inflates beyond the limit";

    private const int InputSize = 1 << 20;
    private const int Padding = 32;
    private const int LiteralMask = (1 << DecodeTable.LiteralBits) - 1;
    private const int DistanceMask = (1 << DecodeTable.DistanceBits) - 1;

    // Input windows of the inflaters of a process: a load of many segments or chunks reuses them instead of
    // allocating a window each (kept apart from the output buffers, which are far larger).
    private static readonly NativeBufferPool InputBuffers = new(2 * (Environment.ProcessorCount + 1));

    private readonly IPositionalSource source;
    private readonly long rangeStart;
    private readonly long rangeLength;
    private readonly NativeBuffer inputBuffer;
    private readonly int inputSize;
    private readonly byte* inBase;
    private readonly ulong[] literals = new ulong[DecodeTable.LiteralSize];
    private readonly uint[] distances = new uint[DecodeTable.DistanceSize];
    private readonly uint[] codeLengths = new uint[DecodeTable.CodeLengthSize];
    private readonly int[] scratch = new int[1 << DecodeTable.LiteralBits];
    private readonly byte[] lengths = new byte[286 + 30];
    private ulong[] currentLiterals = DecodeTable.FixedLiterals;
    private uint[] currentDistances = DecodeTable.FixedDistances;
    private bool disposed;

    // Input: bytes [0, end) of the buffer are range bytes from inputOffset on ([realEnd, end) zero padding once the
    // range is exhausted); ip the next byte to load into the bit buffer.
    private long inputOffset;
    private int end;
    private int realEnd;
    private bool exhausted;
    private int ip;
    private ulong bits;
    private int count;

    /// <summary>A decoder over the <paramref name="length"/> bytes of deflate stream at <paramref name="start"/>.</summary>
    public Inflater(IPositionalSource source, long start, long length)
    {
        this.source = source;
        rangeStart = start;
        rangeLength = length;
        // A short range (a restart index's segment) needs no more than its own length.
        inputSize = (int)Math.Clamp(length, 4096, InputSize);
        inputBuffer = InputBuffers.Rent(inputSize + Padding);
        inBase = inputBuffer.Pointer;
        Load(0);
    }

    /// <summary>
    /// True when this decoder inflates <paramref name="range"/> faster than zlib-ng (<see cref="System.IO.Compression.DeflateStream"/>):
    /// measured on NumPy's 256 MiB members, one thread, it is 6-40% faster on integers and floats compressed up to
    /// about 3:1, but slower where long matches dominate (all ones: 35 against 14 ms), so a stream compressed more
    /// than 8:1 stays with zlib.
    /// </summary>
    public static bool FasterThanZlib(DeflatedRange range) => range.CompressedLength * 8 >= range.UncompressedLength;

    /// <summary>Bit offset in the stream of the next unread bit.</summary>
    public long BitPosition => ((inputOffset + ip) * 8) - count;

    /// <summary>True once the last block decoded was the final one.</summary>
    public bool Finished { get; private set; }

    /// <summary>Continues decoding at bit <paramref name="bit"/> of the stream, at a block header.</summary>
    public void Seek(long bit)
    {
        var byteOffset = bit >> 3;
        if (byteOffset >= inputOffset && byteOffset + 16 <= inputOffset + end)
        {
            ip = (int)(byteOffset - inputOffset);
        }
        else
        {
            Load(byteOffset);
        }

        bits = 0;
        count = 0;
        Refill();
        Consume((int)(bit & 7));
        Finished = false;
    }

    /// <summary>
    /// Decodes blocks until one ends at or after <paramref name="stopBit"/>, the final block ends, or the output holds
    /// <paramref name="softLimit"/> elements after its prefix (checked between blocks).
    /// </summary>
    /// <exception cref="InvalidDataException">The data is invalid, or would pass <paramref name="hardLimit"/> elements.</exception>
    public void DecodeBlocks(InflateOutput output, long stopBit, long softLimit, long hardLimit)
    {
        do
        {
            DecodeBlock(output, hardLimit);
        }
        while (!Finished && BitPosition < stopBit && output.Produced < softLimit);
    }

    /// <summary>Decodes one block; sets <see cref="Finished"/> when it was the last.</summary>
    /// <exception cref="InvalidDataException">The data is invalid, or would pass <paramref name="hardLimit"/> elements.</exception>
    public void DecodeBlock(InflateOutput output, long hardLimit)
    {
        EnsureBits();
        var final = (bits & 1) != 0;
        var type = (int)(bits >> 1) & 3;
        Consume(3);
        try
        {
            switch (type)
            {
                case 0:
                    CopyStored(output, hardLimit);
                    break;
                case 1:
                    currentLiterals = DecodeTable.FixedLiterals;
                    currentDistances = DecodeTable.FixedDistances;
                    Decode(output, hardLimit);
                    break;
                case 2:
                    if (!TryReadCodes())
                    {
                        throw Invalid("invalid dynamic block header");
                    }

                    Decode(output, hardLimit);
                    break;
                default:
                    throw Invalid("invalid block type");
            }
        }
        catch (InvalidDataException e) when (ReadPastEnd && e.Message != LimitPassed)
        {
            throw Invalid(EndsEarly);
        }

        if (ReadPastEnd)
        {
            throw Invalid(EndsEarly);
        }

        Finished = final;
    }

    /// <summary>Decodes the rest of the block whose header <see cref="FindBlock"/> found.</summary>
    /// <exception cref="InvalidDataException">The data is invalid, or would pass <paramref name="hardLimit"/> elements.</exception>
    public void DecodeRestOfBlock(InflateOutput output, long hardLimit)
    {
        try
        {
            Decode(output, hardLimit);
        }
        catch (InvalidDataException e) when (ReadPastEnd && e.Message != LimitPassed)
        {
            throw Invalid(EndsEarly);
        }

        if (ReadPastEnd)
        {
            throw Invalid(EndsEarly);
        }

        Finished = false;
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            InputBuffers.Return(inputBuffer);
        }
    }

    // True once the decoder has taken bits of the zero padding past the range's end: what it found wrong there
    // (a header or code cut short reads as zeros) is the data ending early, as zlib, which waits for those bits,
    // reports it.
    private bool ReadPastEnd => BitPosition > (inputOffset + realEnd) * 8;

    private static InvalidDataException Invalid(string what) => new(what);

    private void Decode(InflateOutput output, long hardLimit)
    {
        if (output.ElementSize == 1)
        {
            Decode<byte>(output, hardLimit);
        }
        else
        {
            Decode<ushort>(output, hardLimit);
        }
    }

    private void CopyStored(InflateOutput output, long hardLimit)
    {
        // Back to whole bytes: the bytes still in the bit buffer are in the input buffer too (a slide keeps 8).
        Consume(count & 7);
        ip -= count >> 3;
        bits = 0;
        count = 0;
        if (ip + 4 > realEnd && !exhausted)
        {
            Slide();
        }

        if (ip + 4 > realEnd)
        {
            throw Invalid(EndsEarly);
        }

        var length = inBase[ip] | (inBase[ip + 1] << 8);
        var complement = inBase[ip + 2] | (inBase[ip + 3] << 8);
        ip += 4;
        if (length != (~complement & 0xFFFF))
        {
            throw Invalid("invalid stored block lengths");
        }

        if (output.Produced + length > hardLimit)
        {
            throw Invalid(LimitPassed);
        }

        output.Reserve(length);
        var op = output.Count;
        while (length > 0)
        {
            if (ip >= realEnd)
            {
                if (exhausted)
                {
                    throw Invalid(EndsEarly);
                }

                Slide();
                continue;
            }

            var n = Math.Min(length, realEnd - ip);
            var from = new ReadOnlySpan<byte>(inBase + ip, n);
            if (output.ElementSize == 1)
            {
                from.CopyTo(new Span<byte>(output.Buffer.Pointer + op, n));
            }
            else
            {
                var to = (ushort*)output.Buffer.Pointer + op;
                for (var i = 0; i < n; i++)
                {
                    to[i] = from[i];
                }
            }

            op += n;
            ip += n;
            length -= n;
        }

        output.Count = op;
    }

    // Reads a dynamic block's code lengths and builds its tables; false where zlib refuses them.
    private bool TryReadCodes()
    {
        EnsureBits();
        var hlit = (int)(bits & 31) + 257;
        var hdist = (int)((bits >> 5) & 31) + 1;
        var hclen = (int)((bits >> 10) & 15) + 4;
        Consume(14);
        if (hlit > 286 || hdist > 30)
        {
            return false;
        }

        Span<byte> cl = stackalloc byte[19];
        for (var i = 0; i < hclen; i++)
        {
            EnsureBits();
            cl[DeflateTables.CodeLengthOrder[i]] = (byte)(bits & 7);
            Consume(3);
        }

        if (!DecodeTable.TryBuild(cl, codeLengths, DecodeTable.CodeLengthBits, DecodeTable.Kind.CodeLength, scratch))
        {
            return false;
        }

        var total = hlit + hdist;
        var lens = lengths.AsSpan(0, total);
        var at = 0;
        while (at < total)
        {
            EnsureBits();
            var e = codeLengths[bits & ((1 << DecodeTable.CodeLengthBits) - 1)];
            if ((e & DecodeTable.Exceptional) != 0)
            {
                return false;
            }

            Consume((int)(e & 31));
            var symbol = (int)(e >> 16);
            if (symbol < 16)
            {
                lens[at++] = (byte)symbol;
                continue;
            }

            byte value = 0;
            int repeat;
            if (symbol == 16)
            {
                if (at == 0)
                {
                    return false;
                }

                value = lens[at - 1];
                repeat = 3 + (int)(bits & 3);
                Consume(2);
            }
            else if (symbol == 17)
            {
                repeat = 3 + (int)(bits & 7);
                Consume(3);
            }
            else
            {
                repeat = 11 + (int)(bits & 127);
                Consume(7);
            }

            if (at + repeat > total)
            {
                return false;
            }

            lens.Slice(at, repeat).Fill(value);
            at += repeat;
        }

        if (lens[256] == 0)
        {
            return false;
        }

        if (!DecodeTable.TryBuild<ulong>(lens[..hlit], literals, DecodeTable.LiteralBits, DecodeTable.Kind.LiteralLength, scratch)
            || !DecodeTable.TryBuild<uint>(lens[hlit..], distances, DecodeTable.DistanceBits, DecodeTable.Kind.Distance, scratch))
        {
            return false;
        }

        DecodeTable.AddPairs(lens[..hlit], literals);

        currentLiterals = literals;
        currentDistances = distances;
        return true;
    }
}
