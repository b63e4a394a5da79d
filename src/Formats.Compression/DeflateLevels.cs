using Formats.Compression.Deflate;

namespace Formats.Compression;

/// <summary>
/// What a compression level 1 to 9 means to <see cref="ChunkedDeflateSink"/>: levels 1 to 5 run .NET's deflate
/// (zlib-ng) at a level of its own, levels 6 to 9 this library's encoder with zlib's match-finder settings.
/// </summary>
/// <remarks>
/// zlib-ng's levels are not zlib's: on regular numeric data its levels 1 to 8 miss the 3-byte matches zlib finds
/// (files up to 10× larger than zlib 6), and its level 9 matches zlib 6's size at up to 1.5× its time. The own
/// encoder (zlib's lazy hash-chain matching with short chains, blocks up to 65,536 symbols) matches or beats zlib 6's
/// size at 0.16–0.6× its time on one core.
/// </remarks>
public static class DeflateLevels
{
    /// <summary>zlib's default level, and what NumPy's <c>savez_compressed</c> uses.</summary>
    public const int Default = 6;

    /// <summary>The zlib-ng level for levels 1 to 5; null where the own encoder is used (6 to 9).</summary>
    /// <param name="level">The compression level, 1 to 9.</param>
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
