namespace Formats;

/// <summary>
/// An array as a file's index lists it, before its own header is read: an archive member's name, sizes and compression
/// from the archive's directory. Describing it (<see cref="IArrayReader.Describe"/>) reads its header; listing it does not,
/// which matters where each header costs a request (an archive in object storage).
/// </summary>
/// <param name="Name">The member name (without <c>.npy</c>), as <see cref="IArrayReader.Names"/> lists it.</param>
public sealed record ArrayMember(string Name)
{
    /// <summary>True when the member is stored compressed.</summary>
    public bool Compressed { get; init; }

    /// <summary>Bytes the member takes in the file (compressed size), where the index says.</summary>
    public long? StoredLength { get; init; }

    /// <summary>Bytes the member takes unpacked (its header included), where the index says.</summary>
    public long? UnpackedLength { get; init; }

    /// <summary>zipinfo's compression factor, as <see cref="ArrayEntry.SavedPercent"/>; null unless both lengths are known.</summary>
    public double? SavedPercent => ZipRatio.SavedPercent(StoredLength, UnpackedLength);
}
