using Formats.Files;

namespace Formats;

/// <summary>
/// A local file as an <see cref="IArrayOutput"/>: written to a temporary file beside it (<c>.NAME.GUID.tmp</c>) that is
/// renamed over the target on commit, as <c>np.save</c> to a temporary name and <c>mv</c> would. The target's folder must exist.
/// </summary>
/// <param name="path">The file to write.</param>
public sealed class FileArrayOutput(string path) : IArrayOutput
{
    /// <summary>The target file's path, as given.</summary>
    public string Path { get; } = !string.IsNullOrEmpty(path) ? path : throw new ArgumentException("an output path is required", nameof(path));

    /// <inheritdoc />
    public string Name => Path;

    /// <inheritdoc />
    public IPendingArrayOutput Create(long expectedLength = 0) => AtomicFile.Create(Path, expectedLength);

    /// <inheritdoc />
    public override string ToString() => Path;
}
