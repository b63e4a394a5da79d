namespace Formats;

/// <summary>One array in a file, as its header describes it; no data has been read.</summary>
/// <param name="Name">The member name in archives (without <c>.npy</c>); empty for single-array files.</param>
/// <param name="Header">Dtype, shape and order.</param>
public sealed record ArrayEntry(string Name, ArrayHeader Header)
{
    /// <summary>The format's version of this array's header, e.g. <c>1.0</c> for NPY; null where none.</summary>
    public string? Version { get; init; }

    /// <summary>Offset of the first data byte in the file when the data lies there contiguous and uncompressed (mappable).</summary>
    public long? DataOffset { get; init; }

    /// <summary>True when the data is stored compressed.</summary>
    public bool Compressed { get; init; }

    /// <summary>Bytes the entry takes in the file, where known (compressed size for archives).</summary>
    public long? StoredLength { get; init; }
}
