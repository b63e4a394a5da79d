using Formats.Routing;
using Formats.Storage;

namespace Formats.Folders;

/// <summary>
/// The engine's default handling of a plain folder, one that no <see cref="IDirectoryArrayFormat"/> claims: as an input
/// it is its <c>.npy</c> files, one array each (named after the file, in ordinal order); as an output it receives one
/// file per array (<c>name.npy</c>, or the extension of the format asked for), staged and moved in all at once.
/// </summary>
internal static class NpyFolder
{
    /// <summary>The format of each file of a folder output when none is asked for.</summary>
    public const string DefaultFileFormat = "npy";

    private const string Extension = ".npy";

    /// <summary>A plan that packs the folder's <c>.npy</c> files: each an input of its own, read as <paramref name="read"/> says.</summary>
    public static ConversionPlan PlanInput(string input, IArrayDirectory folder, string output, ReadRequest read, WriteRequest write, StorageResolver storage) => new()
    {
        Output = output,
        Write = write,
        Arrays = [.. folder.List()
            .Where(e => !e.EndsWith('/') && e.EndsWith(Extension, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(e => new PlannedArray(e[..^Extension.Length], ArrayInput.FromFile(storage.EntryLocation(input, e), read with { Member = null })))],
    };

    /// <summary>The format writing a folder output: a directory format named (or, unnamed, claiming the folder's extension), else one file per array.</summary>
    /// <exception cref="UnknownFormatException">The format asked for is unknown or cannot write.</exception>
    public static IWritableDirectoryArrayFormat OutputFormat(FormatRouter router, string output, string? format) =>
        router.ForDirectoryWrite(output, format) ?? new FileFolderFormat(router.ForWrite("x" + Extension, format ?? DefaultFileFormat));
}
