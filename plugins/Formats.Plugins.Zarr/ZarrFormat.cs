using Formats.Plugins.Zarr.Reading;
using Formats.Plugins.Zarr.Writing;

namespace Formats.Plugins.Zarr;

/// <summary>
/// Zarr stores: a directory holding <c>zarr.json</c> (v3) or <c>.zarray</c>/<c>.zgroup</c> (v2) metadata and one
/// entry per chunk. A store holding a group is an archive whose members are its arrays, named by path
/// (<c>group/sub/array</c>); a store holding one array has one unnamed member. Writes v3 (<see cref="ZarrWriteOptions"/>).
/// </summary>
public sealed class ZarrFormat : IWritableDirectoryArrayFormat, IMultiArrayFormat
{
    /// <inheritdoc />
    public string Name => "zarr";

    /// <inheritdoc />
    public string Description => "Zarr store (v3 and v2): chunked arrays and groups in a directory";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".zarr"];

    /// <inheritdoc />
    public FormatDetector? Detector => null;

    /// <inheritdoc />
    public IReadOnlyList<string> MarkerEntries => [];

    /// <inheritdoc />
    public int MarkerBytes => 0;

    /// <inheritdoc />
    public bool IsDirectoryMatch(IReadOnlyList<string> entries, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> markers)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Contains("zarr.json") || entries.Contains(".zarray") || entries.Contains(".zgroup");
    }

    /// <summary>Not used: a Zarr store is a directory, read through <see cref="CreateReader(IArrayDirectory, ArrayReadOptions)"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => throw new NotSupportedException("a Zarr store is a directory, not a stream");

    /// <inheritdoc />
    public IArrayReader CreateReader(IArrayDirectory directory, ArrayReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        return new ZarrReader(directory, options);
    }

    /// <summary>Opens a v3 writer; its layout comes from the <see cref="ZarrWriteOptions"/> section of <paramref name="options"/>.</summary>
    public IArrayWriter CreateWriter(IArrayDirectory directory, ArrayWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        return new ZarrWriter(directory, options);
    }
}
