using System.Text;
using Formats.Pipeline;

namespace Formats.Folders;

/// <summary>
/// A folder output of one file per array, each written by <paramref name="fileFormat"/> as <c>name.ext</c>. It is never
/// detected: a folder no directory format claims is read as separate files (<see cref="NpyFolder.PlanInput"/>).
/// </summary>
internal sealed class FileFolderFormat(IWritableArrayFormat fileFormat) : IWritableDirectoryArrayFormat, IMultiArrayFormat, IOutputCheck
{
    // NAME_MAX of Linux and macOS file systems, in bytes (UTF-8); Windows allows 255 UTF-16 units, at least as many.
    private const int MaxFileNameBytes = 255;

    /// <summary>The format of each file, which is what a conversion reports having written.</summary>
    public IWritableArrayFormat FileFormat => fileFormat;

    public string Name => fileFormat.Name;

    public string Description => $"a folder of {fileFormat.Name} files, one per array";

    public IReadOnlyList<string> Extensions => [];

    public FormatDetector? Detector => null;

    public IReadOnlyList<string> MarkerEntries => [];

    public int MarkerBytes => 0;

    private string Extension => fileFormat.Extensions.Count > 0 ? fileFormat.Extensions[0] : "";

    public bool IsDirectoryMatch(IReadOnlyList<string> entries, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> markers) => false;

    public IArrayReader CreateReader(IArrayDirectory directory, ArrayReadOptions options) =>
        throw new NotSupportedException("a plain folder is read as its separate files");

    public IArrayReader CreateReader(Stream stream, ArrayReadOptions options) => throw new NotSupportedException("a folder is not a stream");

    public IArrayWriter CreateWriter(IArrayDirectory directory, ArrayWriteOptions options) => new FileFolderWriter(directory, fileFormat, Extension, options);

    /// <summary>Every array's file name checked before a byte is staged, each error naming the input that holds the array.</summary>
    public void Check(IReadOnlyList<PlanInputs.Array> arrays, string output)
    {
        var extension = Extension;
        if (arrays.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new MalformedArrayException($"{twice.Count()} arrays are named '{twice.Key}': each would be written to {twice.Key}{extension}")
            {
                SourcePath = twice.First().Parts[0].Input.Location ?? output,
            };
        }

        foreach (var array in arrays)
        {
            CheckFileName(array.Name, extension, array.Parts[0].Input.Location ?? output);
        }
    }

    // Checked here, naming the input and the member: else .NET's "Null character in path" or the file system's
    // "File name too long" (of the staging path) would be all the user sees.
    private static void CheckFileName(string member, string extension, string source)
    {
        var fileName = member + extension;
        if (fileName.Contains('\0', StringComparison.Ordinal))
        {
            throw new MalformedArrayException($"member name '{Shown(member)}' cannot be a file name: it holds a NUL character") { SourcePath = source };
        }

        if (Encoding.UTF8.GetByteCount(fileName) is var bytes && bytes > MaxFileNameBytes)
        {
            throw new MalformedArrayException(
                $"member name '{Shown(member)}' cannot be a file name: {bytes} bytes with its extension, over the {MaxFileNameBytes} a file name may have") { SourcePath = source };
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        if (fileName.Contains('/') || fileName.Contains('\\') || Path.IsPathRooted(fileName)
            || Path.GetDirectoryName(Path.GetFullPath(Path.Combine(root, fileName))) != root)
        {
            throw new MalformedArrayException($"member name '{Shown(member)}' would escape the target folder") { SourcePath = source };
        }
    }

    // Control characters escaped, so the message stays one printable line.
    private static string Shown(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
