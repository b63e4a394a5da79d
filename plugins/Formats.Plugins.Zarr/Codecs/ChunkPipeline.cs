namespace Formats.Plugins.Zarr.Codecs;

/// <summary>
/// A chunk's whole codec chain reduced to three steps: the bytes codecs (compressors, checksums; in encoding
/// order), a byte swap of each <see cref="SwapUnit"/>-byte unit (the <c>bytes</c> codec's endian against the header's
/// byte order; 0 for none), and an axis permutation (every <c>transpose</c>, and v2's order F, composed): stored
/// axis i is logical axis <see cref="Permutation"/>[i]; null when the stored order is C.
/// </summary>
internal sealed record ChunkPipeline(IReadOnlyList<IBytesCodec> BytesCodecs, int SwapUnit, int[]? Permutation, int ItemSize)
{
    /// <summary>The <c>sharding_indexed</c> codec in place of <c>bytes</c>; null when there is none.</summary>
    public ShardingCodec? Sharding { get; init; }

    public bool Compressed => BytesCodecs.Any(c => c is not Crc32cCodec) || Sharding?.Inner.Compressed == true;

    /// <summary>True when rows of a stored chunk can be read alone: a shard, untransposed, with nothing encoding it whole.</summary>
    public bool ReadsRows(int rank) => rank > 0 && Sharding is not null && BytesCodecs.Count == 0 && Permutation is null;

    /// <summary>Rows of a shard read through its index (<see cref="ReadsRows"/>): the chunk's shape, other rows the fill value.</summary>
    public byte[] DecodeRows(Stream stored, long[] chunkShape, long firstRow, long rowCount) =>
        Sharding!.DecodeRows(stored, chunkShape, ItemSize, firstRow, rowCount);

    public string Describe(string arrayToBytes) =>
        string.Join(", ", (Permutation is null ? [] : new[] { "transpose" }).Append(arrayToBytes).Concat(BytesCodecs.Select(c => c.Name)));

    /// <summary>A stored chunk's bytes to the chunk in C order and the header's byte order.</summary>
    public byte[] Decode(byte[] stored, long[] chunkShape)
    {
        var expected = ItemSize * chunkShape.Aggregate(1L, (a, b) => a * b);
        var data = stored;
        for (var i = BytesCodecs.Count - 1; i >= 0; i--)
        {
            data = BytesCodecs[i].Decode(data, i == 0 && Sharding is null ? expected : -1);
        }

        if (Sharding is not null)
        {
            data = Sharding.Decode(data, Permutation is null ? chunkShape : [.. Permutation.Select(p => chunkShape[p])], ItemSize);
        }

        if (data.LongLength != expected)
        {
            throw new MalformedArrayException($"chunk holds {data.LongLength} bytes once decoded, not the {expected} of its shape {ArrayShapeText(chunkShape)}");
        }

        if (SwapUnit > 1)
        {
            Swap(data, SwapUnit);
        }

        return Permutation is null ? data : Transpose(data, chunkShape, Permutation, ItemSize, toStored: false);
    }

    /// <summary>
    /// A chunk in C order and the header's byte order to its stored bytes; <paramref name="extent"/> (how much of the
    /// chunk lies in the array, per axis) lets a sharded chunk leave out inner chunks wholly outside the array.
    /// </summary>
    public byte[] Encode(byte[] chunk, long[] chunkShape, long[]? extent = null, int parallelism = 1)
    {
        var data = Permutation is null ? chunk : Transpose(chunk, chunkShape, Permutation, ItemSize, toStored: true);
        if (Sharding is not null)
        {
            var storedShape = Permutation is null ? chunkShape : [.. Permutation.Select(p => chunkShape[p])];
            var storedExtent = extent is null ? storedShape : Permutation is null ? extent : [.. Permutation.Select(p => extent[p])];
            data = Sharding.Encode(data, storedShape, ItemSize, storedExtent, parallelism);
        }
        else if (SwapUnit > 1)
        {
            data = ReferenceEquals(data, chunk) ? (byte[])chunk.Clone() : data;
            Swap(data, SwapUnit);
        }

        foreach (var codec in BytesCodecs)
        {
            data = codec.Encode(data);
        }

        return data;
    }

    private static string ArrayShapeText(long[] shape) => new ArrayShape(shape).ToString();

    private static void Swap(byte[] data, int unit)
    {
        for (var i = 0; i + unit <= data.Length; i += unit)
        {
            data.AsSpan(i, unit).Reverse();
        }
    }

    // Copies element by element with an odometer over the logical index; chunks are small enough for this.
    private static byte[] Transpose(byte[] source, long[] logicalShape, int[] permutation, int itemSize, bool toStored)
    {
        var rank = logicalShape.Length;
        var storedShape = permutation.Select(p => logicalShape[p]).ToArray();
        var storedStrides = new long[rank];
        var stride = 1L;
        for (var i = rank - 1; i >= 0; i--)
        {
            storedStrides[i] = stride;
            stride *= storedShape[i];
        }

        // The stride, in the stored array, of each logical axis.
        var logicalToStored = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            logicalToStored[permutation[i]] = storedStrides[i];
        }

        var result = new byte[source.Length];
        var index = new long[rank];
        var count = source.Length / itemSize;
        for (var logical = 0L; logical < count; logical++)
        {
            var stored = 0L;
            for (var a = 0; a < rank; a++)
            {
                stored += index[a] * logicalToStored[a];
            }

            var (from, to) = toStored ? (logical, stored) : (stored, logical);
            Buffer.BlockCopy(source, (int)(from * itemSize), result, (int)(to * itemSize), itemSize);
            for (var a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < logicalShape[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }

        return result;
    }
}
