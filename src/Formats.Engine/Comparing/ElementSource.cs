namespace Formats.Comparing;

/// <summary>
/// An array's elements, chunk by chunk, in storage order, or in C order for a Fortran-ordered array read in blocks
/// of rows (<see cref="RowSelection"/> gathers rows of such an array in C order, as NumPy saves a slice of it).
/// </summary>
internal sealed class ElementSource : IDisposable
{
    private readonly ArrayFileReader file;
    private readonly string name;
    private readonly long rowsPerBlock;
    private readonly long rowCount;
    private Stream? current;
    private long nextRow;

    private ElementSource(ArrayFileReader file, string name, long rowsPerBlock, long rowCount)
    {
        this.file = file;
        this.name = name;
        this.rowsPerBlock = rowsPerBlock;
        this.rowCount = rowCount;
    }

    /// <summary>The elements in the order they are stored.</summary>
    public static ElementSource Stored(ArrayFileReader file, string name) => new(file, name, 0, 0) { current = file.OpenData(name) };

    /// <summary>
    /// A Fortran-ordered array's elements in C order: blocks of about <paramref name="blockBytes"/>, never all rows
    /// at once (all rows would come in storage order), so the array needs two rows at least.
    /// </summary>
    public static ElementSource InCOrder(ArrayFileReader file, string name, ArrayHeader header, long blockBytes)
    {
        var rows = header.Shape[0];
        if (rows < 2)
        {
            throw new UnsupportedArrayException(
                $"a Fortran-ordered array of one row cannot be compared with a C-ordered one (shape {header.Shape}); convert one of them to the other's order first")
            { SourcePath = file.Path };
        }

        var perBlock = Math.Clamp(blockBytes / Math.Max(1, header.RowByteLength), 1, rows - 1);
        return new(file, name, perBlock, rows);
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the data goes; returns the bytes read (less only at the end).</summary>
    public async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            if (current is null)
            {
                if (rowsPerBlock == 0 || nextRow >= rowCount)
                {
                    break;
                }

                var stop = Math.Min(rowCount, nextRow + rowsPerBlock);
                current = file.OpenData(name, new RowRange(nextRow, stop));
                nextRow = stop;
            }

            var read = await FileErrors.GuardAsync(file.Path, async () => await current.ReadAtLeastAsync(buffer[filled..], buffer.Length - filled, false, cancellationToken));
            filled += read;
            if (filled < buffer.Length)
            {
                await current.DisposeAsync();
                current = null;
                if (rowsPerBlock == 0)
                {
                    break;
                }
            }
        }

        return filled;
    }

    public void Dispose() => current?.Dispose();
}
