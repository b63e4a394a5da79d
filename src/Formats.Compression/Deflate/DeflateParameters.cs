namespace Formats.Compression.Deflate;

/// <summary>
/// How hard the match finder works (zlib's configuration knobs): a match of <see cref="GoodLength"/> or more
/// quarters the chain searched for a longer one; a match of <see cref="MaxLazy"/> or more is taken without looking
/// one byte ahead; <see cref="NiceLength"/> ends a search; <see cref="MaxChain"/> caps the candidates tried.
/// </summary>
internal readonly record struct DeflateParameters(int GoodLength, int MaxLazy, int NiceLength, int MaxChain);
