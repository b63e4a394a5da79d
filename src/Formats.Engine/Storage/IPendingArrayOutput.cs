namespace Formats;

/// <summary>
/// A write in progress to an <see cref="IArrayOutput"/>: the format writes <see cref="Stream"/>, then
/// <see cref="Commit"/> makes the output appear whole. Disposing without a commit rolls back: nothing is left behind
/// (no temporary file, no unfinished upload) and what was at the output before is untouched.
/// </summary>
public interface IPendingArrayOutput : IDisposable, IAsyncDisposable
{
    /// <summary>Where the bytes go: writable; seekable where the store allows (formats then patch headers in place).</summary>
    Stream Stream { get; }

    /// <summary>Flushes and makes the output visible, replacing what was there.</summary>
    /// <exception cref="ArrayFormatException">The output cannot be committed; it is then rolled back.</exception>
    void Commit();

    /// <summary><see cref="Commit"/> without blocking a thread (a network store); by default it commits synchronously.</summary>
    /// <exception cref="ArrayFormatException">The output cannot be committed; it is then rolled back.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Commit();
        return ValueTask.CompletedTask;
    }
}
