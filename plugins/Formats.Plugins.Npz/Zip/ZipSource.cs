using Formats.Compression;
using Formats.IO;
using Microsoft.Win32.SafeHandles;

namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// Positioned reads over an archive: <see cref="RandomAccess"/> on a file's handle (no shared position, safe
/// from several member streams at once), else seek-and-read under a lock.
/// </summary>
internal sealed class ZipSource : IPositionalSource
{
    private readonly Stream stream;
    private readonly SafeFileHandle? handle;
    private readonly long origin;

    public ZipSource(Stream stream)
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("reading an NPZ archive needs a readable, seekable stream (the central directory is at the end)", nameof(stream));
        }

        this.stream = stream;
        origin = stream.Position;
        Length = stream.Length - origin;
        if (stream is FileStream file && file.GetType() == typeof(FileStream))
        {
            // Writes buffered in the FileStream would be invisible to RandomAccess; push them out first.
            file.Flush();
            handle = file.SafeFileHandle;
        }
    }

    /// <summary>Position of the archive's first byte in the stream.</summary>
    public long Origin => origin;

    /// <summary>Bytes from the archive's start (the stream position when opened) to the end of the stream.</summary>
    public long Length { get; }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> (archive-relative); fewer only
    /// at the end. Safe from several threads at once (the parallel inflater's workers read their segments this way).
    /// </summary>
    public int ReadAt(long offset, Span<byte> buffer)
    {
        if (offset >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        if (buffer.Length > Length - offset)
        {
            buffer = buffer[..(int)(Length - offset)];
        }

        var total = 0;
        if (handle is not null)
        {
            while (total < buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer[total..], origin + offset + total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        lock (stream)
        {
            stream.Position = origin + offset;
            return StreamIO.ReadAtMost(stream, buffer);
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or throws naming <paramref name="what"/>.</summary>
    /// <exception cref="MalformedArrayException">The archive ends first.</exception>
    public void ReadExactlyAt(long offset, Span<byte> buffer, string what)
    {
        if (offset < 0 || ReadAt(offset, buffer) != buffer.Length)
        {
            throw new MalformedArrayException($"archive is truncated: it ends inside the {what} (at offset {offset})");
        }
    }
}
