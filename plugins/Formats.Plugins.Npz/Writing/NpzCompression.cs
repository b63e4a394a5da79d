using Formats.Plugins.Npz.Deflate;

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
/// (<see cref="DeflateEncoder"/>: zlib's lazy hash-chain matching with short chains, blocks up to 65,536 symbols),
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
    public const int DefaultLevel = 6;

    /// <summary>The largest piece a member is cut into for parallel deflate.</summary>
    public const int MaxPieceSize = 2 << 20;

    /// <summary>
    /// The smallest piece: below it restarting the compressor costs more than 1% on very compressible data.
    /// </summary>
    public const int MinPieceSize = 256 << 10;

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
    /// The piece size for a member of <paramref name="memberBytes"/> uncompressed bytes: half the member (so two
    /// threads share a few-MB member), a multiple of 64 KiB between <see cref="MinPieceSize"/> and
    /// <see cref="MaxPieceSize"/>. It depends on the member alone, so the output does not depend on the machine's
    /// thread count. Few, large pieces keep the restart cost (a block header and a sync flush, about 25 bytes per
    /// piece) under 1% even on all-ones data.
    /// </summary>
    public static int PieceSizeFor(long memberBytes)
    {
        var rounded = ((memberBytes / 2) + 0xFFFF) & ~0xFFFFL;
        return (int)Math.Clamp(rounded, MinPieceSize, MaxPieceSize);
    }

    /// <summary>The zlib-ng level for <c>--level</c> 1 to 5 (see the table above); null where the own encoder is used.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 1..9.</exception>
    public static int? ZlibNgLevelFor(int level) => level switch
    {
        1 => 1,
        2 or 3 => 2,
        4 or 5 => 6,
        >= 6 and <= 9 => null,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "compression level must be 0 (stored) to 9"),
    };

    /// <summary>The own encoder's match-finder settings for levels 6 to 9.</summary>
    internal static DeflateParameters EncoderParametersFor(int level) => level switch
    {
        6 => new DeflateParameters(GoodLength: 8, MaxLazy: 16, NiceLength: 128, MaxChain: 16),
        7 => new DeflateParameters(GoodLength: 8, MaxLazy: 32, NiceLength: 128, MaxChain: 64),
        8 => new DeflateParameters(GoodLength: 32, MaxLazy: 128, NiceLength: 258, MaxChain: 256),
        9 => new DeflateParameters(GoodLength: 32, MaxLazy: 258, NiceLength: 258, MaxChain: 4096),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "the own encoder serves levels 6 to 9"),
    };
}
