namespace Formats;

/// <summary>One array in a file, as its header describes it; no data has been read.</summary>
/// <param name="Name">The member name in archives (without <c>.npy</c>); empty for single-array files.</param>
/// <param name="Header">Dtype, shape and order.</param>
public sealed record ArrayEntry(string Name, ArrayHeader Header)
{
    /// <summary>The format's version of this array's header, e.g. <c>1.0</c> for NPY; null where none.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The reader's statement of where the array's data lies in the file when it lies there contiguous and
    /// uncompressed (so it can be read positionally or memory-mapped); null otherwise. Rows of a C-order array are
    /// a sub-range of it (<see cref="RowSelection.Locate"/>).
    /// </summary>
    public DataRange? Data { get; init; }

    /// <summary>
    /// True when the reader checks a checksum as it streams the whole array (NPZ members' CRC-32): reading
    /// <see cref="Data"/> positionally, or only some rows, skips that check.
    /// </summary>
    public bool HasChecksum { get; init; }

    /// <summary>True when the data is stored compressed.</summary>
    public bool Compressed { get; init; }

    /// <summary>
    /// How the format divides and encodes the array, in words, where that says more than the header: a Zarr array's
    /// chunk grid, how many chunks are stored and its codec chain (<c>chunks (1000, 100), 40 of 100 stored, codecs bytes, zstd</c>);
    /// null for formats that store an array as one run of bytes.
    /// </summary>
    public string? Layout { get; init; }

    /// <summary>Bytes the entry takes in the file, where known (compressed size for archives).</summary>
    public long? StoredLength { get; init; }

    /// <summary>Bytes the entry takes once unpacked, where it is packed (an archive member's uncompressed size, its
    /// NPY header included); null otherwise.</summary>
    public long? UnpackedLength { get; init; }

    /// <summary>
    /// zipinfo's compression factor: how much smaller <see cref="StoredLength"/> is than <see cref="UnpackedLength"/>,
    /// in percent with one decimal, rounded as zipinfo rounds it (0 for a stored member, negative when deflate grew it,
    /// 0 for an empty one); null unless both lengths are known.
    /// </summary>
    public double? SavedPercent => ZipRatio.SavedPercent(StoredLength, UnpackedLength);
}
