namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// The restart index as a zip extra field (header ID <see cref="Id"/>, central directory only; docs/npz.md):
/// the signature <c>NPZR</c>, a version byte (1), then unsigned LEB128 varints: the segment length in
/// uncompressed bytes, then every segment's compressed length in order. The segment count is implied by the
/// member's uncompressed size, and the lengths must add up to its compressed size.
/// </summary>
/// <remarks>
/// Readers that do not know the field skip it (Python's <c>zipfile</c>, NumPy). Decoding is strict, and anything
/// that does not fit the entry exactly is ignored (the member is then inflated sequentially): the index is an
/// optimisation, the member's CRC-32 still guards the data.
/// </remarks>
internal static class RestartIndexExtra
{
    /// <summary>The header ID: ASCII "Pi" (parallel inflate), in none of the published third-party lists.</summary>
    public const ushort Id = 0x6950;

    public const byte Version = 1;

    /// <summary>
    /// Most data bytes the field may hold: a central header's extra fields share 65,535 bytes with the Zip64
    /// field (up to 28 bytes) and this field's own 4-byte header.
    /// </summary>
    public const int MaxDataLength = ushort.MaxValue - 28 - 4;

    private const int HeaderLength = 5;

    // Recommended by Info-ZIP's extrafld.txt: a signature tells our field from another program's use of the same ID.
    private static ReadOnlySpan<byte> Signature => "NPZR"u8;

    /// <summary>Bytes the field's data takes for <paramref name="segmentLength"/> and these compressed lengths.</summary>
    public static int EncodedLength(long segmentLength, IEnumerable<long> compressedLengths) =>
        HeaderLength + VarintLength(segmentLength) + compressedLengths.Sum(VarintLength);

    /// <summary>The field's data (without the 4-byte ID and size).</summary>
    public static byte[] Encode(RestartIndex index)
    {
        var lengths = index.CompressedLengths;
        var data = new byte[EncodedLength(index.SegmentLength, lengths)];
        Signature.CopyTo(data);
        data[4] = Version;
        var at = HeaderLength;
        at += WriteVarint(data.AsSpan(at), index.SegmentLength);
        foreach (var length in lengths)
        {
            at += WriteVarint(data.AsSpan(at), length);
        }

        return data;
    }

    /// <summary>
    /// The index in <paramref name="data"/> if it describes a member of these sizes exactly; null when the field is
    /// absent, of another version or program, or inconsistent in any way.
    /// </summary>
    public static RestartIndex? TryDecode(ReadOnlySpan<byte> data, long compressedSize, long uncompressedSize)
    {
        if (data.Length < HeaderLength || !data.StartsWith(Signature) || data[4] != Version)
        {
            return null;
        }

        data = data[HeaderLength..];
        if (!TryReadVarint(ref data, out var segmentLength) || segmentLength <= 0)
        {
            return null;
        }

        // The count follows from the sizes; every length takes at least a byte, so the field bounds the allocation.
        var count = (uncompressedSize / segmentLength) + (uncompressedSize % segmentLength == 0 ? 0 : 1);
        if (count < 2 || count > data.Length)
        {
            return null;
        }

        var offsets = new long[count + 1];
        for (var i = 0; i < count; i++)
        {
            if (!TryReadVarint(ref data, out var length) || length <= 0 || length > compressedSize - offsets[i])
            {
                return null;
            }

            offsets[i + 1] = offsets[i] + length;
        }

        return data.IsEmpty && offsets[^1] == compressedSize ? new RestartIndex(segmentLength, offsets) : null;
    }

    private static int VarintLength(long value)
    {
        var length = 1;
        while ((ulong)value >= 0x80)
        {
            value = (long)((ulong)value >> 7);
            length++;
        }

        return length;
    }

    private static int WriteVarint(Span<byte> destination, long value)
    {
        var v = (ulong)value;
        var at = 0;
        while (v >= 0x80)
        {
            destination[at++] = (byte)(v | 0x80);
            v >>= 7;
        }

        destination[at++] = (byte)v;
        return at;
    }

    // Canonical unsigned LEB128 of at most 63 bits: overlong forms (a final zero byte) and overflow are refused.
    private static bool TryReadVarint(ref ReadOnlySpan<byte> data, out long value)
    {
        value = 0;
        for (var i = 0; i < 9 && i < data.Length; i++)
        {
            var b = data[i];
            value |= (long)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    return false;
                }

                data = data[(i + 1)..];
                return true;
            }
        }

        return false;
    }
}
