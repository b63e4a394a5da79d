namespace Formats.Compression;

/// <summary>What is wrong with compressed data that <see cref="DecompressedInput"/> refuses.</summary>
public enum CompressedDataProblem
{
    /// <summary>The data ends before the declared uncompressed length.</summary>
    Truncated,

    /// <summary>The deflate data is invalid; the inflater's own exception is the inner exception.</summary>
    Corrupt,

    /// <summary>The data inflates beyond the declared uncompressed length (corrupt, or a decompression bomb).</summary>
    Overlong,

    /// <summary>The source ends inside the compressed range.</summary>
    SourceEnded,
}

/// <summary>
/// Compressed data that cannot be read as declared. <see cref="Problem"/> and <see cref="Offset"/> let a caller
/// word its own message (naming its file or member).
/// </summary>
public sealed class CompressedDataException : IOException
{
    /// <summary>An exception for <paramref name="problem"/> at <paramref name="offset"/>.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="offset">
    /// The uncompressed offset where it went wrong, or for <see cref="CompressedDataProblem.SourceEnded"/> the source
    /// offset where the source ends.
    /// </param>
    /// <param name="message">The description.</param>
    /// <param name="innerException">The inflater's exception, for <see cref="CompressedDataProblem.Corrupt"/>.</param>
    public CompressedDataException(CompressedDataProblem problem, long offset, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Offset = offset;
    }

    /// <summary>What is wrong.</summary>
    public CompressedDataProblem Problem { get; }

    /// <summary>Where it went wrong: an uncompressed offset, or the source offset for <see cref="CompressedDataProblem.SourceEnded"/>.</summary>
    public long Offset { get; }
}
