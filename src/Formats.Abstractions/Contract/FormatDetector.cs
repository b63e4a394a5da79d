namespace Formats;

/// <summary>
/// Recognises a format from the first bytes of a file: a pure function over at most <see cref="HeaderSize"/>
/// bytes. Detectors run in descending <see cref="Priority"/>, then by format name.
/// </summary>
public abstract class FormatDetector
{
    /// <summary>How many leading bytes the detector wants (it may be given fewer for short files).</summary>
    public abstract int HeaderSize { get; }

    /// <summary>Detection order: higher runs first. Exact magic should use 100; weaker signatures less.</summary>
    public virtual int Priority => 100;

    /// <summary>The signatures, for listings; empty when detection is not a plain prefix.</summary>
    public virtual IReadOnlyList<ReadOnlyMemory<byte>> Signatures => [];

    /// <summary>True when <paramref name="header"/> (the file's first bytes, possibly fewer than asked) is this format.</summary>
    public abstract bool IsMatch(ReadOnlySpan<byte> header);

    /// <summary>A detector for one or more exact prefixes.</summary>
    public static FormatDetector ForMagic(params byte[][] signatures) => new MagicDetector(signatures);

    private sealed class MagicDetector(byte[][] signatures) : FormatDetector
    {
        public override int HeaderSize { get; } = signatures.Max(s => s.Length);

        public override IReadOnlyList<ReadOnlyMemory<byte>> Signatures { get; } = [.. signatures.Select(s => new ReadOnlyMemory<byte>(s))];

        public override bool IsMatch(ReadOnlySpan<byte> header)
        {
            foreach (var s in signatures)
            {
                if (header.StartsWith(s))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
