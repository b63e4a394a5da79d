namespace Formats;

/// <summary>
/// Rows of a Fortran-ordered array, in C order: each block of rows is gathered from every column (one strided
/// read per column, never the whole array) and transposed. An unseekable source is gathered in one forward pass.
/// </summary>
internal sealed class FortranRowsReadStream : ArrayReadStream
{
    /// <summary>About how many bytes one gathered block holds (tests lower it to cross block edges on small arrays).</summary>
    internal static long BlockBytes { get; set; } = 16L << 20;
    private readonly DataCursor cursor;
    private readonly ArrayHeader full;
    private readonly RowRange rows;
    private readonly int itemSize;
    private readonly long columns;
    private readonly long rowsPerBlock;
    private byte[] block = [];
    private int blockFilled;
    private int blockRead;
    private long nextRow;
    private long remaining;

    public FortranRowsReadStream(DataCursor cursor, ArrayHeader full, RowRange rows)
        : base(new ArrayHeader(full.DType, full.Shape.WithLength0(rows.Count), ArrayOrder.C))
    {
        this.cursor = cursor;
        this.full = full;
        this.rows = rows;
        itemSize = full.DType.ItemSize;
        columns = full.ElementCount / full.Shape[0];
        var rowBytes = Math.Max(1, columns * itemSize);
        rowsPerBlock = cursor.CanSeek ? Math.Clamp(BlockBytes / rowBytes, 1, rows.Count) : rows.Count;
        remaining = Header.ByteLength;

        // A block is gathered in memory: one row at least, and every selected row when the data can only be read forward.
        if (rowsPerBlock * rowBytes > Array.MaxLength)
        {
            throw new UnsupportedArrayException(cursor.CanSeek
                ? $"one row of this Fortran-ordered array is {rowBytes} bytes, more than a selection can gather in memory; read the whole array instead"
                : $"these {rows.Count} rows of a Fortran-ordered compressed member ({rowsPerBlock * rowBytes} bytes) are more than one pass can gather in memory; select fewer rows, or read the whole member");
        }
    }

    public override long Remaining => remaining;

    public override int Read(Span<byte> buffer)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        if (blockRead == blockFilled)
        {
            FillBlock();
        }

        var n = Math.Min(buffer.Length, blockFilled - blockRead);
        block.AsSpan(blockRead, n).CopyTo(buffer);
        blockRead += n;
        remaining -= n;
        return n;
    }

    private void FillBlock()
    {
        var count = Math.Min(rowsPerBlock, rows.Count - nextRow);
        var bytes = (int)(count * columns * itemSize);
        var gathered = new byte[bytes];
        var piece = (int)count * itemSize;
        for (long c = 0; c < columns; c++)
        {
            var offset = (rows.Start + nextRow + (c * full.Shape[0])) * itemSize;
            cursor.ReadAt(offset, gathered.AsSpan((int)(c * piece), piece));
        }

        if (block.Length != bytes)
        {
            block = new byte[bytes];
        }

        ArrayTranspose.FortranToC(gathered, block, full.Shape.WithLength0(count), itemSize);
        nextRow += count;
        blockFilled = bytes;
        blockRead = 0;
    }
}
