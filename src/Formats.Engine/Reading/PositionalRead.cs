namespace Formats.Reading;

/// <summary>
/// Fills an array from a source with positional reads in as many parts as there are cores (up to 4): a local file's
/// <see cref="RandomAccess"/> reads, or a store's ranged reads, side by side.
/// </summary>
internal static class PositionalRead
{
    private const int MaxWindow = 1 << 28;

    /// <exception cref="MalformedArrayException">The file ends before the array does (it shrank after its header was read).</exception>
    public static void Fill(IArraySource source, long start, NDArray array, CancellationToken cancellationToken)
    {
        var parts = Math.Min(Environment.ProcessorCount, 4);
        var total = array.ByteLength;
        var part = ((total / parts) + 4095) & ~4095L;
        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts, CancellationToken = cancellationToken }, i =>
            {
                var end = Math.Min(total, (i + 1) * part);
                for (var offset = i * part; offset < end;)
                {
                    var n = source.ReadAt(start + offset, array.Storage.GetSpan(offset, (int)Math.Min(MaxWindow, end - offset)));
                    if (n == 0)
                    {
                        throw new MalformedArrayException($"data is truncated: the file ends {total - offset} bytes before the array does (file seems not fully written)");
                    }

                    offset += n;
                }
            });
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
