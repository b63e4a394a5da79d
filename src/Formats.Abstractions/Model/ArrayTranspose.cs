namespace Formats;

/// <summary>Reorders array data between Fortran and C element order.</summary>
public static class ArrayTranspose
{
    /// <summary>Copies Fortran-ordered <paramref name="source"/> into C-ordered <paramref name="destination"/>.</summary>
    public static void FortranToC(ReadOnlySpan<byte> source, Span<byte> destination, ArrayShape shape, int itemSize)
    {
        var rank = shape.Rank;
        if (source.Length != destination.Length)
        {
            throw new ArgumentException("source and destination differ in length", nameof(destination));
        }

        if (rank < 2 || shape.ElementCount == 0)
        {
            source.CopyTo(destination);
            return;
        }

        // Fortran strides (in items); walk C order with an odometer over the index.
        var strides = new long[rank];
        var step = 1L;
        for (var k = 0; k < rank; k++)
        {
            strides[k] = step;
            step *= shape[k];
        }

        var index = new long[rank];
        var fortranOffset = 0L;
        for (long c = 0; c < shape.ElementCount; c++)
        {
            source.Slice((int)(fortranOffset * itemSize), itemSize).CopyTo(destination.Slice((int)(c * itemSize), itemSize));
            for (var k = rank - 1; k >= 0; k--)
            {
                if (++index[k] < shape[k])
                {
                    fortranOffset += strides[k];
                    break;
                }

                fortranOffset -= strides[k] * (index[k] - 1);
                index[k] = 0;
            }
        }
    }
}
