using Formats.Routing;

namespace Formats.Files;

/// <summary>
/// Memory-maps arrays through the <see cref="IArrayMapper"/> a plugin registered: the file's format states where the
/// data lies (<see cref="ArrayEntry.Data"/>), the file is closed again, and the mapper maps exactly that range.
/// </summary>
internal sealed class ArrayMapping(FormatRouter router, Func<string, ReadRequest, ArrayFileReader> open, Func<IArrayMapper?> mapper)
{
    public NDArray Map(string path, MapRequest request)
    {
        var mapping = Require(path);
        var read = request.Read;
        ArrayHeader header;
        DataRange range;
        using (var file = open(path, read.ForFile))
        {
            var selection = file.Resolve(read);
            var (entry, rows) = (selection.Entry, selection.Rows);
            if (entry.Data is not { } data)
            {
                throw new UnsupportedArrayException(entry.Compressed
                    ? $"member '{entry.Name}' is compressed (deflate) and cannot be mapped; read it with ArrayFiles.Read(path, new ReadRequest {{ Member = \"{entry.Name}\" }}), which inflates it lazily"
                    : $"the data of '{entry.Name}' does not lie contiguous and uncompressed in the file, so it cannot be mapped; read it with ArrayFiles.Read")
                { SourcePath = path };
            }

            if (request.Mode == MapMode.ReadWrite && entry.HasChecksum)
            {
                throw new UnsupportedArrayException(
                    $"member '{entry.Name}' is covered by a CRC-32 that a write through the map would leave stale (NumPy would then refuse the member); map it read-only or copy-on-write, or replace it with ArrayFiles.SetMembersAsync")
                { SourcePath = path };
            }

            header = selection.Header;
            range = FileErrors.Guard(path, () => RowSelection.Locate(entry.Header, rows, data))
                ?? throw new UnsupportedArrayException(
                    $"rows {rows} of a Fortran-ordered array are not contiguous in the file and cannot be mapped; map the whole array, or read the rows with ArrayFiles.Read")
                { SourcePath = path };
        }

        return FileErrors.Guard(path, () => mapping.Map(path, range, header, request.Mode));
    }

    public NDArray Create(string path, ArrayHeader header, string? format)
    {
        ArgumentNullException.ThrowIfNull(header);
        var mapping = Require(path);
        var target = FileErrors.Guard(path, () => router.ForWrite(path, format));

        if (target is IMultiArrayFormat)
        {
            throw new UnsupportedArrayException($"format {target.Name} holds several arrays and cannot be created memory-mapped; create a single-array file (npy, raw)")
            {
                SourcePath = path,
            };
        }

        // Whatever the format's writer puts before the data (np.save's header, or nothing), so that a filled array
        // leaves the file the writer itself would have written.
        var preamble = FileErrors.Guard(path, () =>
        {
            using var bytes = new MemoryStream();
            using (var writer = target.CreateWriter(bytes, ArrayWriteOptions.Default))
            {
                writer.BeginArray(null, header).Dispose();
            }

            return bytes.ToArray();
        });
        return FileErrors.Guard(path, () => mapping.Create(path, preamble, header));
    }

    private IArrayMapper Require(string path) => mapper()
        ?? throw new ArrayFormatException("memory mapping needs the Formats.Plugins.Memmap plugin, which is not loaded") { SourcePath = path };
}
