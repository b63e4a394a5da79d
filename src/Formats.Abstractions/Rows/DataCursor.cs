using Formats.IO;

namespace Formats;

/// <summary>
/// Reads an array's bytes at offsets relative to its first byte: by seeking when the stream can, else by reading
/// forward (offsets must then only grow).
/// </summary>
internal sealed class DataCursor(Stream source, long dataStart, long startPosition)
{
    private long position = source.CanSeek ? -1 : startPosition;

    public bool CanSeek => source.CanSeek;

    /// <summary>Moves to <paramref name="offset"/> bytes past the data start.</summary>
    public void MoveTo(long offset, string what)
    {
        var target = dataStart + offset;
        if (source.CanSeek)
        {
            if (source.Position != target)
            {
                source.Position = target;
            }

            return;
        }

        if (target < position)
        {
            throw new InvalidOperationException("the data of an unseekable stream can be read only once, forward");
        }

        StreamIO.Skip(source, target - position, what);
        position = target;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> bytes past the data start.</summary>
    public void ReadAt(long offset, Span<byte> buffer)
    {
        MoveTo(offset, "array data");
        StreamIO.ReadExactly(source, buffer, "array data");
        if (!source.CanSeek)
        {
            position += buffer.Length;
        }
    }
}
