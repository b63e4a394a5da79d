namespace Formats.Plugins.Zarr.Metadata;

/// <summary>
/// The part of one chunk that lies in a band of whole array rows (the unit the reader and writer stream), copied one
/// run of the last axis at a time: out of a decoded chunk into the band when reading, into a chunk from the band when
/// writing.
/// </summary>
internal static class ChunkRegion
{
    /// <summary>Copies the region of <paramref name="chunk"/> (grid coordinates) from row <paramref name="rowInChunk"/> for <paramref name="rows"/> rows.</summary>
    /// <param name="array">The array's metadata.</param>
    /// <param name="chunk">The chunk's grid coordinates.</param>
    /// <param name="rowInChunk">The chunk row the band's first row is.</param>
    /// <param name="rows">Rows of the band the chunk holds.</param>
    /// <param name="chunkBytes">The chunk, C-ordered, of the full chunk shape.</param>
    /// <param name="band">The band: <paramref name="rows"/> whole rows of the array.</param>
    /// <param name="intoBand">True to copy chunk to band (reading), false band to chunk (writing).</param>
    public static void Copy(ZarrArrayMetadata array, long[] chunk, long rowInChunk, long rows, byte[] chunkBytes, byte[] band, bool intoBand)
    {
        var rank = array.Rank;
        var item = array.Header.DType.ItemSize;
        var shape = array.Shape;
        var chunkShape = array.ChunkShape;
        var extent = new long[rank];
        extent[0] = rows;
        for (var a = 1; a < rank; a++)
        {
            extent[a] = Math.Min(chunkShape[a], shape[a] - (chunk[a] * chunkShape[a]));
        }

        if (extent.Any(e => e <= 0))
        {
            return;
        }

        // Strides in elements: of the chunk, and of the band (rows of the whole array).
        var chunkStrides = new long[rank];
        var bandStrides = new long[rank];
        (chunkStrides[rank - 1], bandStrides[rank - 1]) = (1, 1);
        for (var a = rank - 2; a >= 0; a--)
        {
            chunkStrides[a] = chunkStrides[a + 1] * chunkShape[a + 1];
            bandStrides[a] = bandStrides[a + 1] * shape[a + 1];
        }

        var origin = 0L;
        for (var a = 1; a < rank; a++)
        {
            origin += chunk[a] * chunkShape[a] * bandStrides[a];
        }

        var run = (int)(extent[rank - 1] * item);
        var at = new long[rank];
        while (true)
        {
            long inChunk = rowInChunk * chunkStrides[0], inBand = origin;
            for (var a = 0; a < rank - 1; a++)
            {
                inChunk += at[a] * chunkStrides[a];
                inBand += at[a] * bandStrides[a];
            }

            if (intoBand)
            {
                Buffer.BlockCopy(chunkBytes, (int)(inChunk * item), band, (int)(inBand * item), run);
            }
            else
            {
                Buffer.BlockCopy(band, (int)(inBand * item), chunkBytes, (int)(inChunk * item), run);
            }

            var axis = rank - 2;
            for (; axis >= 0; axis--)
            {
                if (++at[axis] < extent[axis])
                {
                    break;
                }

                at[axis] = 0;
            }

            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>The grid coordinates of every chunk in chunk row <paramref name="band"/>, in C order (one for a scalar).</summary>
    public static List<long[]> ChunksOfBand(ZarrArrayMetadata array, long band)
    {
        var grid = array.GridShape;
        var indices = new List<long[]>();
        var index = new long[array.Rank];
        if (array.Rank == 0)
        {
            indices.Add(index);
            return indices;
        }

        index[0] = band;
        var count = grid.Skip(1).Aggregate(1L, (x, y) => x * y);
        for (var k = 0L; k < count; k++)
        {
            indices.Add((long[])index.Clone());
            for (var a = array.Rank - 1; a >= 1; a--)
            {
                if (++index[a] < grid[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }

        return indices;
    }
}
