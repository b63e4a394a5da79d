using Formats.Plugins.Memmap.Storage;

namespace Formats.Plugins.Memmap.Mapping;

/// <summary>
/// Maps array data with <see cref="System.IO.MemoryMappedFiles.MemoryMappedFile"/>: a view over exactly the stated
/// range (64-bit offsets; the view is rounded out to whole pages and the pointer moved back to the first byte).
/// </summary>
internal sealed class FileMapper : IArrayMapper
{
    /// <inheritdoc />
    public NDArray Map(string path, DataRange range, ArrayHeader header, MapMode mode)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (range.Length != header.ByteLength)
        {
            throw new ArgumentException($"a range of {range.Length} bytes does not hold the {header.ByteLength} bytes of {header.DType} {header.Shape}", nameof(range));
        }

        if (range.Offset < 0)
        {
            throw new ArrayFormatException($"data offset {range.Offset} is negative");
        }

        var file = Open(path, mode, FileMode.Open);
        if (range.End > file.Length)
        {
            var length = file.Length;
            file.Dispose();
            throw new MalformedArrayException($"the data [{range.Offset}, {range.End}) lies past the end of the {length}-byte file (truncated)");
        }

        return new NDArray(header, MappedArrayStorage.Map(file, range.Offset, range.Length, mode));
    }

    /// <inheritdoc />
    public NDArray Create(string path, ReadOnlySpan<byte> preamble, ArrayHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var file = Open(path, MapMode.ReadWrite, FileMode.Create);
        try
        {
            file.Write(preamble);

            // Extends with zeros (a sparse file where the file system allows), as np.memmap's w+ does.
            file.SetLength(preamble.Length + header.ByteLength);
            file.Flush();
        }
        catch (IOException e)
        {
            file.Dispose();
            throw new ArrayFormatException($"cannot size the file to {preamble.Length + header.ByteLength} bytes: {e.Message}", e);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return new NDArray(header, MappedArrayStorage.Map(file, preamble.Length, header.ByteLength, MapMode.ReadWrite));
    }

    private static FileStream Open(string path, MapMode mode, FileMode fileMode)
    {
        var write = mode == MapMode.ReadWrite;
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = fileMode,
                Access = write ? FileAccess.ReadWrite : FileAccess.Read,
                Share = write ? FileShare.Read : FileShare.ReadWrite,
                BufferSize = 0,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArrayFileAccessException("no such file", missing: true, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArrayFileAccessException(write
                ? $"permission denied: cannot open the file for writing (map mode {mode})"
                : "permission denied", missing: false, e);
        }
    }
}
