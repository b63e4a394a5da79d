namespace Formats.Compression.Deflate;

/// <summary>Length-limited Huffman code lengths and the canonical, bit-reversed codes deflate writes.</summary>
internal static class HuffmanCode
{
    /// <summary>
    /// Sets <paramref name="lengths"/> to optimal code lengths for <paramref name="frequencies"/>, none longer than
    /// <paramref name="maxLength"/>. Unused symbols get 0. At least two symbols always get a code, so every code is
    /// complete (zlib's inflater refuses an incomplete code-length code).
    /// </summary>
    /// <remarks><paramref name="scratch"/> holds at least 2 × the symbol count.</remarks>
    public static void BuildLengths(ReadOnlySpan<int> frequencies, Span<byte> lengths, int maxLength, Span<int> scratch)
    {
        var count = frequencies.Length;
        lengths[..count].Clear();

        // Sorted (frequency, symbol) keys: frequency in the high bits keeps equal frequencies in symbol order.
        var keys = scratch[..count];
        var used = 0;
        for (var s = 0; s < count; s++)
        {
            if (frequencies[s] != 0)
            {
                keys[used++] = (frequencies[s] << 9) | s;
            }
        }

        // Too few symbols: give the missing ones a nominal frequency so two codes of length 1 exist.
        for (var s = 0; used < 2 && s < count; s++)
        {
            if (frequencies[s] == 0)
            {
                keys[used++] = (1 << 9) | s;
            }
        }

        var sorted = keys[..used];
        sorted.Sort();
        var depth = scratch.Slice(count, used);
        for (var i = 0; i < used; i++)
        {
            depth[i] = sorted[i] >> 9;
        }

        MinimumRedundancy(depth);

        Span<int> perLength = stackalloc int[33];
        perLength.Clear();
        foreach (var d in depth)
        {
            perLength[Math.Min(d, 32)]++;
        }

        LimitLengths(perLength, maxLength);

        // The most frequent symbols (at the end of the sorted keys) take the shortest codes.
        var next = used;
        for (var length = 1; length <= maxLength; length++)
        {
            for (var k = perLength[length]; k > 0; k--)
            {
                lengths[sorted[--next] & 0x1FF] = (byte)length;
            }
        }
    }

    /// <summary>Canonical codes for <paramref name="lengths"/>, bit-reversed for deflate's LSB-first bit order.</summary>
    public static void BuildCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        Span<int> perLength = stackalloc int[16];
        perLength.Clear();
        foreach (var length in lengths)
        {
            perLength[length]++;
        }

        perLength[0] = 0;
        Span<int> nextCode = stackalloc int[16];
        var code = 0;
        for (var bits = 1; bits <= 15; bits++)
        {
            code = (code + perLength[bits - 1]) << 1;
            nextCode[bits] = code;
        }

        for (var s = 0; s < lengths.Length; s++)
        {
            var length = lengths[s];
            codes[s] = length == 0 ? (ushort)0 : Reverse(nextCode[length]++, length);
        }
    }

    private static ushort Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | (code & 1);
            code >>= 1;
        }

        return (ushort)reversed;
    }

    // In-place minimum-redundancy code lengths over ascending frequencies (Moffat and Katajainen, 1995):
    // on return a[i] is the code length of the i-th least frequent symbol.
    private static void MinimumRedundancy(Span<int> a)
    {
        var n = a.Length;
        if (n == 1)
        {
            a[0] = 1;
            return;
        }

        // Phase 1: build the tree, parents' weights and then parent indices overwriting the array.
        a[0] += a[1];
        int root = 0, leaf = 2;
        for (var next = 1; next < n - 1; next++)
        {
            if (leaf >= n || a[root] < a[leaf])
            {
                a[next] = a[root];
                a[root++] = next;
            }
            else
            {
                a[next] = a[leaf++];
            }

            if (leaf >= n || (root < next && a[root] < a[leaf]))
            {
                a[next] += a[root];
                a[root++] = next;
            }
            else
            {
                a[next] += a[leaf++];
            }
        }

        // Phase 2: internal node depths.
        a[n - 2] = 0;
        for (var next = n - 3; next >= 0; next--)
        {
            a[next] = a[a[next]] + 1;
        }

        // Phase 3: leaf depths.
        int available = 1, usedNodes = 0, depth = 0;
        root = n - 2;
        var slot = n - 1;
        while (available > 0)
        {
            while (root >= 0 && a[root] == depth)
            {
                usedNodes++;
                root--;
            }

            while (available > usedNodes)
            {
                a[slot--] = depth;
                available--;
            }

            available = 2 * usedNodes;
            depth++;
            usedNodes = 0;
        }
    }

    // Moves codes longer than the limit to it, then lengthens shorter codes until the Kraft sum is exactly 1.
    private static void LimitLengths(Span<int> perLength, int maxLength)
    {
        for (var length = maxLength + 1; length < perLength.Length; length++)
        {
            perLength[maxLength] += perLength[length];
            perLength[length] = 0;
        }

        var total = 0L;
        for (var length = maxLength; length > 0; length--)
        {
            total += (long)perLength[length] << (maxLength - length);
        }

        while (total != 1L << maxLength)
        {
            perLength[maxLength]--;
            for (var length = maxLength - 1; length > 0; length--)
            {
                if (perLength[length] != 0)
                {
                    perLength[length]--;
                    perLength[length + 1] += 2;
                    break;
                }
            }

            total--;
        }
    }
}
