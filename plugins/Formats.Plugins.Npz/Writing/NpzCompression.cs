using Formats.Compression;

namespace Formats.Plugins.Npz.Writing;

/// <summary>
/// How NPZ output is compressed, and what <c>--level</c> (<see cref="ArrayWriteOptions.CompressionLevel"/>) means.
/// </summary>
/// <remarks>
/// <para>
/// NumPy's <c>np.savez_compressed</c> deflates at zlib level 6 and offers no other level. .NET's deflate is
/// zlib-ng, whose levels are not zlib's: on NumPy-shaped data (docs/npz.md) its levels 1 to 8 give files up to 10×
/// larger than zlib 6 (they miss the 3-byte matches regular integers are made of), and level 9 matches zlib 6's size
/// but spends up to 1.5× its time. Levels 6 to 9 therefore use this plugin's own deflate encoder
/// (<see cref="DeflateLevels"/>: zlib's lazy hash-chain matching with short chains, blocks up to 65,536 symbols),
/// which matches or beats zlib 6's size on the measured data at 0.16–0.6× its time on one core:
/// </para>
/// <list type="table">
/// <listheader><term><c>--level</c></term><description>encoder and intent</description></listheader>
/// <item><term>0</term><description>stored, no compression (like <c>np.savez</c>).</description></item>
/// <item><term>1</term><description>zlib-ng 1: fastest, largest (can exceed the raw size on smooth integers).</description></item>
/// <item><term>2, 3</term><description>zlib-ng 2: fast, up to 4.9× larger than <c>savez_compressed</c>.</description></item>
/// <item><term>4, 5</term><description>zlib-ng 6: zlib-ng's own default, slightly smaller than 2.</description></item>
/// <item><term>6 (default)</term><description>own encoder, chains of 16: the size of <c>np.savez_compressed</c> or smaller.</description></item>
/// <item><term>7, 8, 9</term><description>own encoder, chains of 64, 256 and 4096 (zlib's 9): slower, a little smaller.</description></item>
/// </list>
/// <para>
/// <see cref="ArrayWriteOptions.Compress"/> without a level means level <see cref="DefaultLevel"/>. A member is cut
/// into independent pieces (<see cref="PieceSizeFor"/>), deflated on up to
/// <see cref="ArrayWriteOptions.MaxDegreeOfParallelism"/> threads and joined into one deflate stream.
/// </para>
/// </remarks>
public static class NpzCompression
{
    /// <summary>The level used when compression is asked for without a level: NumPy's (zlib 6).</summary>
    public const int DefaultLevel = DeflateLevels.Default;

    /// <summary>The largest piece a member is cut into for parallel deflate.</summary>
    public const int MaxPieceSize = ChunkedDeflateSink.MaxPieceSize;

    /// <summary>
    /// The smallest piece: below it restarting the compressor costs more than 1% on very compressible data.
    /// </summary>
    public const int MinPieceSize = ChunkedDeflateSink.MinPieceSize;

    /// <summary>The level (1 to 9) <paramref name="options"/> select, or null for stored output.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0..9.</exception>
    public static int? SelectLevel(ArrayWriteOptions options)
    {
        if (options.CompressionLevel is { } level && (level < 0 || level > 9))
        {
            throw new ArgumentOutOfRangeException(nameof(options), level, "compression level must be 0 (stored) to 9");
        }

        return options.IsCompressed ? options.CompressionLevel ?? DefaultLevel : null;
    }

    /// <summary>
    /// The piece size for a member of <paramref name="memberBytes"/> uncompressed bytes: half the member, a multiple
    /// of 64 KiB between <see cref="MinPieceSize"/> and <see cref="MaxPieceSize"/>, never depending on the thread
    /// count (<see cref="ChunkedDeflateSink.PieceSizeFor"/>).
    /// </summary>
    public static int PieceSizeFor(long memberBytes) => ChunkedDeflateSink.PieceSizeFor(memberBytes);

    /// <summary>The zlib-ng level for <c>--level</c> 1 to 5 (see the table above); null where the own encoder is used.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1..9.</exception>
    public static int? ZlibNgLevelFor(int level) => DeflateLevels.ZlibNgLevelFor(level);
}
