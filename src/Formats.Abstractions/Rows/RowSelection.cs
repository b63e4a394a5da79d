using Formats.IO;

namespace Formats;

/// <summary>
/// Rows <c>[Start, Stop)</c> along axis 0, in one place for every reader: which header the selection has (what
/// <c>np.save(f, np.load(path, mmap_mode='r')[start:stop])</c> writes), where its bytes lie when they are
/// contiguous, and a stream over them. Rows of a C-order array are one contiguous range; rows of a Fortran-ordered
/// array are a strided gather, given in C order as NumPy saves such a (non-contiguous) slice.
/// </summary>
public static class RowSelection
{
    /// <summary>The header of rows <paramref name="rows"/> of an array described by <paramref name="header"/>.</summary>
    /// <exception cref="ArrayFormatException">The array is 0-d, or the rows lie outside it.</exception>
    public static ArrayHeader Select(ArrayHeader header, RowRange rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        Check(header, rows);
        if (IsContiguous(header, rows))
        {
            return IsAll(header, rows) ? header : header with { Shape = header.Shape.WithLength0(rows.Count) };
        }

        return new ArrayHeader(header.DType, header.Shape.WithLength0(rows.Count), ArrayOrder.C);
    }

    /// <summary>
    /// Where rows <paramref name="rows"/> (all rows when null) lie within <paramref name="data"/>, the whole
    /// array's bytes; null when they are not contiguous (a part of a Fortran-ordered array).
    /// </summary>
    /// <exception cref="ArrayFormatException">The array is 0-d, or the rows lie outside it.</exception>
    public static DataRange? Locate(ArrayHeader header, RowRange? rows, DataRange data)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (rows is not { } r)
        {
            return data;
        }

        Check(header, r);
        if (!IsContiguous(header, r))
        {
            return null;
        }

        return IsAll(header, r) ? data : new DataRange(data.Offset + (r.Start * header.RowByteLength), r.Count * header.RowByteLength);
    }

    /// <summary>
    /// A stream over rows <paramref name="rows"/> (all when null) of the array whose data starts at
    /// <paramref name="dataStart"/> in <paramref name="source"/>. A seekable source is read only where the rows lie;
    /// an unseekable one, assumed to stand at <paramref name="position"/>, is read forward.
    /// </summary>
    /// <param name="source">The file or member data; it belongs to the caller.</param>
    /// <param name="dataStart">The array's first byte, in the source's positions.</param>
    /// <param name="header">The whole array.</param>
    /// <param name="rows">The rows to read, or null for all.</param>
    /// <param name="position">Where an unseekable source stands now (ignored for seekable ones).</param>
    /// <exception cref="ArrayFormatException">The array is 0-d, or the rows lie outside it.</exception>
    public static ArrayReadStream Open(Stream source, long dataStart, ArrayHeader header, RowRange? rows, long position = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(header);
        if (Locate(header, rows, new DataRange(dataStart, header.ByteLength)) is not { } range)
        {
            return new FortranRowsReadStream(new DataCursor(source, dataStart, position), header, rows!.Value);
        }

        new DataCursor(source, 0, position).MoveTo(range.Offset, "array data");
        return new PassThroughReadStream(source, rows is { } selected ? Select(header, selected) : header);
    }

    private static bool IsAll(ArrayHeader header, RowRange rows) => rows.Start == 0 && rows.Stop == header.Shape[0];

    private static bool IsContiguous(ArrayHeader header, RowRange rows) => !header.IsFortranOnly || IsAll(header, rows) || rows.Count == 0;

    private static void Check(ArrayHeader header, RowRange rows)
    {
        if (header.Shape.Rank == 0)
        {
            throw new ArrayFormatException("a 0-d array has no rows to select");
        }

        if (rows.Start < 0 || rows.Stop > header.Shape[0] || rows.Start > rows.Stop)
        {
            throw new ArrayFormatException($"rows [{rows.Start}, {rows.Stop}) are outside the array's {header.Shape[0]} rows");
        }
    }
}
