using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Formats.Compression.Deflate;

/// <summary>
/// Writes deflate blocks LSB-first into an output array: each block of LZ77 symbols as whichever of dynamic
/// Huffman, fixed Huffman or stored costs the fewest bits (computed exactly, so the output never exceeds the
/// stored size plus block overheads).
/// </summary>
internal sealed class BlockWriter
{
    private const int MaxStoredBlock = 65535;

    private static readonly ushort[] FixedLiteralCodes = Codes(DeflateTables.FixedLiteralLengths);
    private static readonly ushort[] FixedDistanceCodes = Codes(DeflateTables.FixedDistanceLengths);

    private readonly byte[] literalLengths = new byte[DeflateTables.LiteralLengthSymbols];
    private readonly ushort[] literalCodes = new ushort[DeflateTables.LiteralLengthSymbols];
    private readonly byte[] distanceLengths = new byte[DeflateTables.DistanceSymbols];
    private readonly ushort[] distanceCodes = new ushort[DeflateTables.DistanceSymbols];
    private readonly int[] codeLengthFrequencies = new int[DeflateTables.CodeLengthSymbols];
    private readonly byte[] codeLengthLengths = new byte[DeflateTables.CodeLengthSymbols];
    private readonly ushort[] codeLengthCodes = new ushort[DeflateTables.CodeLengthSymbols];
    private readonly byte[] allLengths = new byte[DeflateTables.LiteralLengthSymbols + DeflateTables.DistanceSymbols];
    private readonly byte[] runSymbols = new byte[DeflateTables.LiteralLengthSymbols + DeflateTables.DistanceSymbols];
    private readonly byte[] runExtras = new byte[DeflateTables.LiteralLengthSymbols + DeflateTables.DistanceSymbols];
    private readonly int[] scratch = new int[2 * DeflateTables.LiteralLengthSymbols];
    private byte[] output = [];
    private int position;
    private ulong bits;
    private int bitCount;
    private int runCount;

    public void Start(byte[] destination)
    {
        output = destination;
        position = 0;
        bits = 0;
        bitCount = 0;
    }

    /// <summary>Pads the last byte with zero bits and returns the bytes written.</summary>
    public int Finish()
    {
        Align();
        output = [];
        return position;
    }

    /// <summary>An empty stored block: ends the output on a byte boundary, the stream not final.</summary>
    public void SyncFlush()
    {
        PutBits(0, 3);
        Align();
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(position), 0xFFFF_0000u);
        position += 4;
    }

    /// <summary>
    /// Writes one block of <paramref name="symbols"/> covering the input bytes <paramref name="raw"/>, given the
    /// symbols' frequencies (the end-of-block symbol is counted here) and the extra bits their lengths and distances
    /// need; <paramref name="last"/> sets the final-block bit.
    /// </summary>
    public void WriteBlock(
        ReadOnlySpan<byte> raw, ReadOnlySpan<uint> symbols, int[] literalFrequencies, int[] distanceFrequencies, long extraBits, bool last)
    {
        literalFrequencies[DeflateTables.EndOfBlock]++;
        HuffmanCode.BuildLengths(literalFrequencies, literalLengths, DeflateTables.MaxCodeLength, scratch);
        HuffmanCode.BuildLengths(distanceFrequencies, distanceLengths, DeflateTables.MaxCodeLength, scratch);
        var literalCount = DeflateTables.LiteralLengthSymbols;
        while (literalCount > 257 && literalLengths[literalCount - 1] == 0)
        {
            literalCount--;
        }

        var distanceCount = DeflateTables.DistanceSymbols;
        while (distanceCount > 1 && distanceLengths[distanceCount - 1] == 0)
        {
            distanceCount--;
        }

        EncodeRuns(literalCount, distanceCount);
        HuffmanCode.BuildLengths(codeLengthFrequencies, codeLengthLengths, DeflateTables.MaxCodeLengthCodeLength, scratch);
        var codeLengthCount = DeflateTables.CodeLengthSymbols;
        while (codeLengthCount > 4 && codeLengthLengths[DeflateTables.CodeLengthOrder[codeLengthCount - 1]] == 0)
        {
            codeLengthCount--;
        }

        var dynamicBits = 3L + 5 + 5 + 4 + (3 * codeLengthCount) + extraBits;
        var fixedBits = 3L + extraBits;
        for (var s = 0; s < DeflateTables.CodeLengthSymbols; s++)
        {
            dynamicBits += (long)codeLengthFrequencies[s] * (codeLengthLengths[s] + RunExtraBits(s));
        }

        for (var s = 0; s < DeflateTables.LiteralLengthSymbols; s++)
        {
            dynamicBits += (long)literalFrequencies[s] * literalLengths[s];
            fixedBits += (long)literalFrequencies[s] * DeflateTables.FixedLiteralLengths[s];
        }

        for (var s = 0; s < DeflateTables.DistanceSymbols; s++)
        {
            dynamicBits += (long)distanceFrequencies[s] * distanceLengths[s];
            fixedBits += (long)distanceFrequencies[s] * 5;
        }

        var storedBits = StoredBits(raw.Length);
        var chosenBits = storedBits;

        // The symbol loop writes without bounds checks: prove here that the block fits (it always does: no block is
        // written larger than storing it, and the output is sized for stored blocks).
        if (position + (chosenBits >> 3) + 16 > output.Length)
        {
            throw new InvalidOperationException($"deflate output buffer too small: {output.Length} bytes, block needs {position + (chosenBits >> 3) + 16}");
        }

        // Stored wins near-ties (within 0.4%): readers copy stored blocks without inflating them, and a member
        // made only of stored blocks (incompressible data) is read without an inflater at all.
        if (storedBits <= dynamicBits + (dynamicBits >> 8) && storedBits <= fixedBits + (fixedBits >> 8))
        {
            WriteStored(raw, last);
        }
        else if (fixedBits <= dynamicBits)
        {
            PutBits(last ? 1u : 0u, 1);
            PutBits(1, 2);
            WriteSymbols(symbols, DeflateTables.FixedLiteralLengths, FixedLiteralCodes, DeflateTables.FixedDistanceLengths, FixedDistanceCodes);
        }
        else
        {
            HuffmanCode.BuildCodes(literalLengths, literalCodes);
            HuffmanCode.BuildCodes(distanceLengths, distanceCodes);
            HuffmanCode.BuildCodes(codeLengthLengths, codeLengthCodes);
            PutBits(last ? 1u : 0u, 1);
            PutBits(2, 2);
            PutBits((uint)(literalCount - 257), 5);
            PutBits((uint)(distanceCount - 1), 5);
            PutBits((uint)(codeLengthCount - 4), 4);
            for (var i = 0; i < codeLengthCount; i++)
            {
                PutBits(codeLengthLengths[DeflateTables.CodeLengthOrder[i]], 3);
            }

            for (var i = 0; i < runCount; i++)
            {
                var symbol = runSymbols[i];
                PutBits(codeLengthCodes[symbol], codeLengthLengths[symbol]);
                var extra = RunExtraBits(symbol);
                if (extra != 0)
                {
                    PutBits(runExtras[i], extra);
                }
            }

            WriteSymbols(symbols, literalLengths, literalCodes, distanceLengths, distanceCodes);
        }
    }

    private static int RunExtraBits(int symbol) => symbol switch
    {
        16 => 2,
        17 => 3,
        18 => 7,
        _ => 0,
    };

    private void WriteSymbols(ReadOnlySpan<uint> symbols, byte[] lLengths, ushort[] lCodes, byte[] dLengths, ushort[] dCodes)
    {
        foreach (var symbol in symbols)
        {
            if ((symbol & 0x8000_0000u) == 0)
            {
                PutBits(lCodes[symbol], lLengths[symbol]);
                continue;
            }

            var lengthMinus3 = (int)(symbol >> 16) & 0xFF;
            var distanceMinus1 = (int)(symbol & 0xFFFF);
            int lengthCode = DeflateTables.LengthCode[lengthMinus3];
            PutBits(lCodes[257 + lengthCode], lLengths[257 + lengthCode]);
            var extra = DeflateTables.LengthExtra[lengthCode];
            if (extra != 0)
            {
                PutBits((uint)(lengthMinus3 + 3 - DeflateTables.LengthBase[lengthCode]), extra);
            }

            var distanceCode = DeflateTables.DistanceCodeOf(distanceMinus1);
            PutBits(dCodes[distanceCode], dLengths[distanceCode]);
            extra = DeflateTables.DistanceExtra[distanceCode];
            if (extra != 0)
            {
                PutBits((uint)(distanceMinus1 + 1 - DeflateTables.DistanceBase[distanceCode]), extra);
            }
        }

        PutBits(lCodes[DeflateTables.EndOfBlock], lLengths[DeflateTables.EndOfBlock]);
    }

    // The code lengths of both codes, run-length coded with symbols 16 (repeat the previous 3-6 times),
    // 17 (3-10 zeros) and 18 (11-138 zeros); counts the code-length symbols.
    private void EncodeRuns(int literalCount, int distanceCount)
    {
        literalLengths.AsSpan(0, literalCount).CopyTo(allLengths);
        distanceLengths.AsSpan(0, distanceCount).CopyTo(allLengths.AsSpan(literalCount));
        var count = literalCount + distanceCount;
        Array.Clear(codeLengthFrequencies);
        runCount = 0;
        var i = 0;
        while (i < count)
        {
            var value = allLengths[i];
            var run = 1;
            while (i + run < count && allLengths[i + run] == value)
            {
                run++;
            }

            i += run;
            if (value == 0)
            {
                while (run >= 11)
                {
                    var take = Math.Min(run, 138);
                    AddRun(18, take - 11);
                    run -= take;
                }

                if (run >= 3)
                {
                    AddRun(17, run - 3);
                    run = 0;
                }
            }
            else
            {
                AddRun(value, 0);
                run--;
                while (run >= 3)
                {
                    var take = Math.Min(run, 6);
                    AddRun(16, take - 3);
                    run -= take;
                }
            }

            for (; run > 0; run--)
            {
                AddRun(value, 0);
            }
        }
    }

    private void AddRun(int symbol, int extra)
    {
        runSymbols[runCount] = (byte)symbol;
        runExtras[runCount++] = (byte)extra;
        codeLengthFrequencies[symbol]++;
    }

    private long StoredBits(int length)
    {
        // The first block's header is followed by padding to the byte boundary; later ones start aligned.
        var blocks = Math.Max(1, (length + MaxStoredBlock - 1) / MaxStoredBlock);
        var firstPadding = (8 - ((bitCount + 3) & 7)) & 7;
        return (8L * length) + (blocks * (3 + 32)) + firstPadding + ((blocks - 1) * 5L);
    }

    private void WriteStored(ReadOnlySpan<byte> raw, bool last)
    {
        do
        {
            var take = Math.Min(raw.Length, MaxStoredBlock);
            PutBits(last && take == raw.Length ? 1u : 0u, 3);
            Align();
            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(position), (ushort)take);
            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(position + 2), (ushort)~take);
            position += 4;
            raw[..take].CopyTo(output.AsSpan(position));
            position += take;
            raw = raw[take..];
        }
        while (!raw.IsEmpty);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutBits(uint value, int count)
    {
        bits |= (ulong)value << bitCount;
        bitCount += count;
        if (bitCount >= 32)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(output), position), BitConverter.IsLittleEndian ? (uint)bits : BinaryPrimitives.ReverseEndianness((uint)bits));
            position += 4;
            bits >>= 32;
            bitCount -= 32;
        }
    }

    private void Align()
    {
        while (bitCount > 0)
        {
            output[position++] = (byte)bits;
            bits >>= 8;
            bitCount -= 8;
        }

        bits = 0;
        bitCount = 0;
    }

    private static ushort[] Codes(byte[] lengths)
    {
        var codes = new ushort[lengths.Length];
        HuffmanCode.BuildCodes(lengths, codes);
        return codes;
    }
}
