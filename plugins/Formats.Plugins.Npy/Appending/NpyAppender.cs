using Formats.Numpy;

namespace Formats.Plugins.Npy.Appending;

/// <summary>
/// Grows a C-order NPY along axis 0 in place: new rows go after the data, then the header is rewritten with
/// the longer shape in the same number of bytes (NumPy reserves room for 21 digits of the growth axis).
/// </summary>
internal static class NpyAppender
{
    public static ArrayWriteStream? TryBegin(Stream target, ArrayHeader rows, ArrayReadOptions options)
    {
        if (!target.CanSeek || !target.CanWrite || !target.CanRead)
        {
            throw new ArgumentException("appending needs a readable, writable, seekable stream", nameof(target));
        }

        target.Position = 0;
        var length = target.Length;
        var existing = NpyHeaderCodec.Read(target, options.MaxHeaderSize, length);
        var header = existing.Array;
        Check(header, rows);
        var dataEnd = existing.DataOffset + header.ByteLength;
        if (length < dataEnd)
        {
            throw new MalformedArrayException($"data is truncated: {dataEnd - length} bytes missing (file seems not fully written)");
        }

        var grown = header with { Shape = header.Shape.WithLength0(checked(header.Shape[0] + rows.Shape[0])) };
        var preamble = NpyHeaderCodec.EncodeInPlace(grown, existing);
        if (preamble is null)
        {
            return null;
        }

        target.Position = dataEnd;
        return new NpyAppendStream(target, rows, dataEnd, preamble);
    }

    private static void Check(ArrayHeader header, ArrayHeader rows)
    {
        if (header.Shape.Rank == 0)
        {
            throw new ArrayFormatException("cannot append rows to a 0-d array");
        }

        if (header.IsFortranOnly)
        {
            throw new ArrayFormatException("cannot append rows to a Fortran-ordered array (rows are not contiguous)");
        }

        if (rows.IsFortranOnly)
        {
            throw new ArrayFormatException("the rows to append are Fortran-ordered; convert them to C order first");
        }

        if (rows.DType != header.DType)
        {
            throw new ArrayFormatException($"dtype {rows.DType} of the new rows differs from the file's {header.DType}");
        }

        if (rows.Shape.Rank != header.Shape.Rank || !rows.Shape.Dimensions[1..].SequenceEqual(header.Shape.Dimensions[1..]))
        {
            throw new ArrayFormatException($"rows of shape {rows.Shape} do not fit an array of shape {header.Shape} along axis 0");
        }
    }
}
