namespace Formats.Compression;

/// <summary>
/// A <see cref="RestartIndex"/> as bytes (docs/npz.md): the signature <c>NPZR</c>, a version byte (1), then unsigned
/// LEB128 varints: the segment length in uncompressed bytes, then every segment's compressed length in order. The
/// segment count is implied by the stream's uncompressed size, and the lengths must add up to its compressed size.
/// </summary>
/// <remarks>
/// Decoding is strict, and anything that does not fit the stream exactly is refused (the stream is then inflated
/// sequentially): the index is an optimisation, a checksum over the data still guards it.
/// </remarks>
public static class RestartIndexEncoding
{
    /// <summary>The version byte this encoding writes and the only one it reads.</summary>
    public const byte Version = 1;

    private const int HeaderLength = 5;

    // A signature tells this encoding from another program's data stored in the same place (a zip extra field's ID
    // is not reserved, so Info-ZIP's extrafld.txt recommends one).
    private static ReadOnlySpan<byte> Signature => "NPZR"u8;

    /// <summary>Bytes the encoding takes for <paramref name="segmentLength"/> and these compressed lengths.</summary>
    /// <param name="segmentLength">Uncompressed bytes per segment.</param>
    /// <param name="compressedLengths">Every segment's compressed length, in order.</param>
    public static int EncodedLength(long segmentLength, IEnumerable<long> compressedLengths) =>
        HeaderLength + VarintLength(segmentLength) + compressedLengths.Sum(VarintLength);

    /// <summary>The encoded index.</summary>
    /// <param name="index">The index to encode.</param>
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
    /// The index in <paramref name="data"/> if it describes a stream of these sizes exactly; null when the data is
    /// empty, of another version or program, or inconsistent in any way.
    /// </summary>
    /// <param name="data">The encoded index.</param>
    /// <param name="compressedSize">The deflate stream's length.</param>
    /// <param name="uncompressedSize">The bytes the stream inflates to.</param>
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

        // The count follows from the sizes; every length takes at least a byte, so the data bounds the allocation.
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
