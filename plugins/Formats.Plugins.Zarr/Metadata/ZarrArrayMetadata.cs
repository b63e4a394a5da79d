using Formats.Plugins.Zarr.Codecs;

namespace Formats.Plugins.Zarr.Metadata;

/// <summary>
/// One Zarr array as its metadata describes it, v2 or v3 alike: the logical array (<see cref="Header"/>, always C
/// order), its regular chunk grid, the fill value's bytes in the header's byte order, how a chunk is decoded and
/// where each chunk lies.
/// </summary>
internal sealed record ZarrArrayMetadata(
    string Prefix,
    int ZarrFormat,
    ArrayHeader Header,
    long[] ChunkShape,
    byte[] Fill,
    ChunkPipeline Pipeline,
    ChunkKeys Keys)
{
    public long[] Shape => Header.Shape.Dimensions.ToArray();

    public int Rank => ChunkShape.Length;

    /// <summary>Chunks along each axis (at least one per axis, so a rank-0 or empty array still has a grid).</summary>
    public long[] GridShape => [.. Shape.Select((d, i) => (d + ChunkShape[i] - 1) / ChunkShape[i])];

    /// <summary>The entry holding chunk <paramref name="index"/>, relative to the store.</summary>
    public string ChunkEntry(ReadOnlySpan<long> index) => Prefix + Keys.Key(index);
}

/// <summary>
/// How a chunk's grid index becomes its key: v3 <c>default</c> (<c>c/0/1</c>) or <c>v2</c> (<c>0.1</c>).
/// <paramref name="Reversed"/>: the index is of the transposed grid (a Fortran-ordered array written as its C-ordered
/// transpose), so the key names it axes reversed.
/// </summary>
internal sealed record ChunkKeys(bool DefaultEncoding, char Separator, bool Reversed = false)
{
    public string Key(ReadOnlySpan<long> index)
    {
        var parts = new string[index.Length];
        for (var i = 0; i < index.Length; i++)
        {
            parts[Reversed ? index.Length - 1 - i : i] = index[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (DefaultEncoding)
        {
            return parts.Length == 0 ? "c" : "c" + Separator + string.Join(Separator, parts);
        }

        return parts.Length == 0 ? "0" : string.Join(Separator, parts);
    }
}
