namespace Formats.Plugins.Npz.Writing;

/// <summary>
/// How NPZ output is compressed, and what <c>--level</c> (<see cref="ArrayWriteOptions.CompressionLevel"/>) means.
/// </summary>
/// <remarks>
/// <para>
/// NumPy's <c>np.savez_compressed</c> deflates at zlib level 6 and offers no other level. .NET's deflate is
/// zlib-ng, whose levels are not zlib's: measured on NumPy-shaped data (1,000,000 int32/uint8/float32 values,
/// docs/npz.md), zlib-ng levels 2 to 8 give files up to 4.9× larger than zlib 6 (all-ones int32: 19,485 bytes
/// against 3,979; ascending int32: 1.76×), level 1 up to 10×, and only level 9 matches zlib 6 (within +0.5%,
/// up to 11% smaller on random data) at about the same CPU time. So <c>--level</c> maps to zlib-ng as follows:
/// </para>
/// <list type="table">
/// <listheader><term><c>--level</c></term><description>zlib-ng level and intent</description></listheader>
/// <item><term>0</term><description>stored, no compression (like <c>np.savez</c>).</description></item>
/// <item><term>1</term><description>zlib-ng 1: fastest, largest (can exceed the raw size on smooth integers).</description></item>
/// <item><term>2, 3</term><description>zlib-ng 2: about 6× faster than level 9, up to 4.9× larger than <c>savez_compressed</c>.</description></item>
/// <item><term>4, 5</term><description>zlib-ng 6: zlib-ng's own default, about 4× faster than level 9, slightly smaller than 2.</description></item>
/// <item><term>6 (default), 7, 8, 9</term><description>zlib-ng 9: the size of <c>np.savez_compressed</c> (within 1%); zlib-ng has nothing smaller.</description></item>
/// </list>
/// <para>
/// <see cref="ArrayWriteOptions.Compress"/> without a level means level <see cref="DefaultLevel"/>. Members are
/// deflated in <see cref="ChunkSize"/> pieces on up to <see cref="ArrayWriteOptions.MaxDegreeOfParallelism"/>
/// threads and joined into one deflate stream (each piece but the last ends with a sync flush), which costs
/// under 0.6% in size on the measured data.
/// </para>
/// </remarks>
public static class NpzCompression
{
    /// <summary>The level used when compression is asked for without a level: NumPy's (zlib 6).</summary>
    public const int DefaultLevel = 6;

    /// <summary>
    /// Uncompressed bytes per independently deflated piece. 2 MiB keeps the cost of restarting the compressor
    /// at each piece under 0.6% (1 MiB cost 1.8% on an all-ones array) while a few-MB member still uses two cores.
    /// </summary>
    public const int ChunkSize = 2 << 20;

    /// <summary>Whether <paramref name="options"/> ask for deflate (level above 0, or compression without a level).</summary>
    public static bool IsCompressed(ArrayWriteOptions options) =>
        options.CompressionLevel is { } level ? level > 0 : options.Compress;

    /// <summary>The zlib-ng level for a <c>--level</c> of 1 to 9; see the table above.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1..9.</exception>
    public static int ToZlibNgLevel(int level) => level switch
    {
        1 => 1,
        2 or 3 => 2,
        4 or 5 => 6,
        >= 6 and <= 9 => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "compression level must be 0 (stored) to 9"),
    };

    /// <summary>The zlib-ng level <paramref name="options"/> select, or null for stored output.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0..9.</exception>
    public static int? SelectZlibNgLevel(ArrayWriteOptions options)
    {
        if (options.CompressionLevel is { } level && (level < 0 || level > 9))
        {
            throw new ArgumentOutOfRangeException(nameof(options), level, "compression level must be 0 (stored) to 9");
        }

        return IsCompressed(options) ? ToZlibNgLevel(options.CompressionLevel ?? DefaultLevel) : null;
    }
}
