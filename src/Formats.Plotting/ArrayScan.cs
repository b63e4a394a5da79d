using System.Buffers;

namespace Formats.Plotting;

/// <summary>
/// The one streaming pass over an array's data: reads it in chunks of about <see cref="ChunkBytes"/> (the next one
/// read while the current one is decoded), decodes each channel to doubles and hands the runs to a sink. Memory stays
/// bounded by the chunk, whatever the array's size.
/// </summary>
internal static class ArrayScan
{
    /// <summary>
    /// Bytes read at a time: large enough that per-read costs vanish, small enough that the passes over a chunk (one
    /// per channel) find it in the cache.
    /// </summary>
    public const int ChunkBytes = 1 << 20;

    // Rows longer than this (2-D arrays with tens of millions of columns) would need a buffer that is no longer small.
    private const long MaxRowBytes = 256L << 20;

    /// <summary>Streams <paramref name="data"/> (the array <paramref name="layout"/> describes) into <paramref name="sink"/>.</summary>
    /// <exception cref="ArrayFormatException">The data ends early or a row is too long to buffer.</exception>
    public static void Run(Stream data, PlotLayout layout, IChannelSink sink, CancellationToken cancellationToken)
    {
        if (layout.ColumnMajor)
        {
            RunColumnMajor(data, layout, sink, cancellationToken);
        }
        else
        {
            RunRowMajor(data, layout, sink, cancellationToken);
        }
    }

    private static void RunRowMajor(Stream data, PlotLayout layout, IChannelSink sink, CancellationToken cancellationToken)
    {
        var rowBytes = layout.Header.RowByteLength;
        if (rowBytes > MaxRowBytes)
        {
            throw new UnsupportedArrayException($"rows of {rowBytes} bytes are too long to plot (at most {MaxRowBytes})");
        }

        var stride = (int)rowBytes;
        var rowsPerChunk = (int)Math.Max(1, Math.Min(ChunkBytes / stride, layout.Rows));
        var values = ArrayPool<double>.Shared.Rent(rowsPerChunk);
        try
        {
            var row = 0L;
            foreach (var chunk in ChunkReader.Read(data, layout.Header.ByteLength, rowsPerChunk * stride, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = chunk.Count / stride;
                for (var c = 0; c < layout.Channels.Count; c++)
                {
                    var channel = layout.Channels[c];
                    ValueDecoder.Gather(chunk, (int)channel.Offset, stride, count, channel.DType, values);
                    sink.Accept(c, row, values.AsSpan(0, count));
                }

                row += count;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }

    // A whole Fortran-ordered 2-D array arrives column after column: each chunk is runs of rows of one column.
    private static void RunColumnMajor(Stream data, PlotLayout layout, IChannelSink sink, CancellationToken cancellationToken)
    {
        var dtype = layout.Header.DType;
        var item = dtype.ItemSize;
        var rows = layout.Rows;
        var channelOfColumn = new Dictionary<long, int>();
        for (var c = 0; c < layout.Channels.Count; c++)
        {
            channelOfColumn[layout.Channels[c].Offset] = c;
        }

        var perChunk = (int)Math.Min(ChunkBytes / item, layout.Header.ElementCount);
        var values = ArrayPool<double>.Shared.Rent(perChunk);
        try
        {
            var first = 0L;
            foreach (var chunk in ChunkReader.Read(data, layout.Header.ByteLength, perChunk * item, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = chunk.Count / item;
                for (var i = 0; i < count;)
                {
                    var element = first + i;
                    var column = element / rows;
                    var row = element % rows;
                    var run = (int)Math.Min(count - i, rows - row);
                    if (channelOfColumn.TryGetValue(column, out var channel))
                    {
                        ValueDecoder.Gather(chunk, i * item, item, run, dtype, values);
                        sink.Accept(channel, row, values.AsSpan(0, run));
                    }

                    i += run;
                }

                first += count;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }
}
