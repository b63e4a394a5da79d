using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Formats.Compression.Deflate;

/// <summary>
/// A raw deflate (RFC 1951) compressor for one independent piece of a member: hash-chain LZ77 with lazy matching,
/// then per block the cheapest of a dynamic Huffman, fixed Huffman or stored encoding. A piece starts with an
/// empty window (no dictionary), so an inflater can begin at any piece; a non-final piece ends with a sync flush
/// (an empty stored block) so the next one starts on a byte boundary.
/// </summary>
/// <remarks>
/// Written for NPZ data, where zlib-ng (what .NET's DeflateStream runs) is either much larger than NumPy's zlib
/// (levels 1–8 miss its 3-byte matches) or much slower (level 9 walks 4096-long chains on regular integers). One
/// instance per thread: it keeps its tables between pieces.
/// </remarks>
internal sealed unsafe class DeflateEncoder
{
    private const int WindowSize = 1 << 15;
    private const int WindowMask = WindowSize - 1;
    private const int MinMatch = 3;
    private const int MaxMatch = 258;
    private const int HashBits = 16;
    private const int TooFar = 4096;
    private const int Empty = -(1 << 20);
    private const int LongMatch = 64;
    private const int LongMatchEdge = 16;

    /// <summary>Symbols per block: bigger blocks send fewer code tables, smaller ones adapt faster.</summary>
    private const int BlockSymbols = 1 << 16;

    [ThreadStatic]
    private static DeflateEncoder? perThread;

    private readonly int[] head = new int[1 << HashBits];
    private readonly int[] chain = new int[WindowSize];
    private readonly uint[] symbols = new uint[BlockSymbols];
    private readonly int[] literalFrequencies = new int[DeflateTables.LiteralLengthSymbols];
    private readonly int[] distanceFrequencies = new int[DeflateTables.DistanceSymbols];
    private readonly BlockWriter writer = new();
    private int symbolCount;
    private long extraBits;

    /// <summary>The calling thread's encoder.</summary>
    public static DeflateEncoder ForCurrentThread() => perThread ??= new DeflateEncoder();

    /// <summary>The most bytes <see cref="Compress"/> can write for <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => length + (length >> 11) + 64;

    /// <summary>
    /// Deflates <paramref name="input"/> into <paramref name="output"/> (at least <see cref="MaxCompressedLength"/>
    /// bytes) and returns the bytes written. <paramref name="final"/> ends the deflate stream; otherwise the output
    /// ends with a sync flush and the next piece continues the stream.
    /// </summary>
    public int Compress(ReadOnlySpan<byte> input, byte[] output, bool final, DeflateParameters parameters)
    {
        writer.Start(output);
        symbolCount = 0;
        extraBits = 0;
        Array.Clear(literalFrequencies);
        Array.Clear(distanceFrequencies);
        if (input.Length > 0)
        {
            Array.Fill(head, Empty);
            fixed (byte* data = input)
            {
                Parse(data, input.Length, final, parameters);
            }
        }
        else
        {
            FlushBlock(input, 0, 0, final);
        }

        if (!final)
        {
            writer.SyncFlush();
        }

        return writer.Finish();
    }

    private void Parse(byte* data, int length, bool final, DeflateParameters p)
    {
        var input = new ReadOnlySpan<byte>(data, length);
        var last = length - 4; // the last position whose 4 bytes can be read for hashing
        var position = 0;
        var blockStart = 0;
        var emitted = 0;
        var previousLength = MinMatch - 1;
        var previousDistance = 0;
        var pending = false;
        fixed (int* heads = head, links = chain)
        {
            while (position < length)
            {
                var length0 = MinMatch - 1;
                var distance = 0;
                if (position <= last)
                {
                    var hash = Hash(data + position);
                    var candidate = heads[hash];
                    links[position & WindowMask] = candidate;
                    heads[hash] = position;
                    if (candidate > position - WindowSize && previousLength < p.MaxLazy)
                    {
                        length0 = LongestMatch(data, position, candidate, previousLength, Math.Min(MaxMatch, length - position), links, p, out distance);
                        if (length0 == MinMatch && distance > TooFar)
                        {
                            length0 = MinMatch - 1;
                        }
                    }
                }

                if (previousLength >= MinMatch && length0 <= previousLength)
                {
                    AddMatch(previousLength, previousDistance);
                    emitted += previousLength;
                    var end = position - 1 + previousLength;
                    var insertEnd = Math.Min(end, last + 1);
                    var q = position + 1;
                    if (previousLength > LongMatch)
                    {
                        // Inside a long match only its first and last bytes are indexed: the rest repeats
                        // what the window already holds, and indexing it costs more than it finds.
                        Insert(data, heads, links, q, Math.Min(q + LongMatchEdge, insertEnd));
                        q = Math.Max(q + LongMatchEdge, insertEnd - LongMatchEdge);
                    }

                    Insert(data, heads, links, q, insertEnd);

                    position = end;
                    pending = false;
                    previousLength = MinMatch - 1;
                }
                else
                {
                    if (pending)
                    {
                        AddLiteral(data[position - 1]);
                        emitted++;
                    }

                    pending = true;
                    previousLength = length0;
                    previousDistance = distance;
                    position++;
                }

                if (symbolCount >= BlockSymbols - 2)
                {
                    FlushBlock(input, blockStart, emitted, lastBlock: false);
                    blockStart = emitted;
                }
            }
        }

        if (pending)
        {
            AddLiteral(data[position - 1]);
            emitted++;
        }

        FlushBlock(input, blockStart, emitted, final);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Insert(byte* data, int* heads, int* links, int from, int to)
    {
        for (var q = from; q < to; q++)
        {
            var h = Hash(data + q);
            links[q & WindowMask] = heads[h];
            heads[h] = q;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(byte* p) => ((Unsafe.ReadUnaligned<uint>(p) & 0xFFFFFFu) * 0x9E3779B1u) >> (32 - HashBits);

    // The longest match at position among the chain from candidate that beats previousLength (zlib's longest_match).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LongestMatch(byte* data, int position, int candidate, int previousLength, int maxLength, int* links, DeflateParameters p, out int distance)
    {
        distance = 0;
        var best = previousLength;
        if (best >= maxLength)
        {
            return MinMatch - 1;
        }

        var chainLength = previousLength >= p.GoodLength ? p.MaxChain >> 2 : p.MaxChain;
        var nice = Math.Min(p.NiceLength, maxLength);
        var limit = position - WindowSize + 1;
        var scan = data + position;
        var scanStart = Unsafe.ReadUnaligned<ushort>(scan);
        var scanEnd = Unsafe.ReadUnaligned<ushort>(scan + best - 1);
        var found = -1;
        do
        {
            var match = data + candidate;
            if (Unsafe.ReadUnaligned<ushort>(match + best - 1) == scanEnd && Unsafe.ReadUnaligned<ushort>(match) == scanStart)
            {
                var matched = MatchLength(scan, match, maxLength);
                if (matched > best)
                {
                    best = matched;
                    found = candidate;
                    if (matched >= nice)
                    {
                        break;
                    }

                    scanEnd = Unsafe.ReadUnaligned<ushort>(scan + best - 1);
                }
            }

            candidate = links[candidate & WindowMask];
        }
        while (candidate >= limit && --chainLength != 0);

        if (found < 0)
        {
            return MinMatch - 1;
        }

        distance = position - found;
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(byte* a, byte* b, int maxLength)
    {
        var length = 0;
        while (length + 8 <= maxLength)
        {
            var difference = Unsafe.ReadUnaligned<ulong>(a + length) ^ Unsafe.ReadUnaligned<ulong>(b + length);
            if (difference != 0)
            {
                return length + (BitOperations.TrailingZeroCount(difference) >> 3);
            }

            length += 8;
        }

        while (length < maxLength && a[length] == b[length])
        {
            length++;
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddLiteral(byte value)
    {
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(symbols), symbolCount++) = value;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(literalFrequencies), value)++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddMatch(int length, int distance)
    {
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(symbols), symbolCount++) =
            0x8000_0000u | ((uint)(length - MinMatch) << 16) | (uint)(distance - 1);
        var lengthCode = DeflateTables.LengthCode[length - MinMatch];
        var distanceCode = DeflateTables.DistanceCodeOf(distance - 1);
        literalFrequencies[257 + lengthCode]++;
        distanceFrequencies[distanceCode]++;
        extraBits += DeflateTables.LengthExtra[lengthCode] + DeflateTables.DistanceExtra[distanceCode];
    }

    private void FlushBlock(ReadOnlySpan<byte> input, int start, int end, bool lastBlock)
    {
        writer.WriteBlock(
            input[start..end], symbols.AsSpan(0, symbolCount), literalFrequencies, distanceFrequencies, extraBits, lastBlock);
        symbolCount = 0;
        extraBits = 0;
        Array.Clear(literalFrequencies);
        Array.Clear(distanceFrequencies);
    }
}
