namespace Formats;

/// <summary>What <see cref="ArrayFiles.Verify"/> found in one file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Arrays">The arrays read in full and found sound (before the failure, if any).</param>
/// <param name="DataBytes">The data bytes read.</param>
/// <param name="Error">
/// Why the file failed: an <see cref="ArrayFormatException"/> naming the file and the problem, or the
/// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> that stopped the read; null when it is sound.
/// </param>
public sealed record ArrayVerification(string Path, int Arrays, long DataBytes, Exception? Error)
{
    /// <summary>True when every array was read in full and found sound.</summary>
    public bool Ok => Error is null;
}
