using Microsoft.Win32.SafeHandles;

namespace Formats;

/// <summary>
/// Opens input files, turning "not there", "a folder" and "not allowed" into the library's errors naming the file.
/// </summary>
internal static class FileOpening
{
    public static SafeFileHandle OpenHandle(string path) =>
        Translated(path, () => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan));

    public static FileStream OpenForUpdate(string path) => Open(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.ReadWrite,
        Share = FileShare.None,
        BufferSize = 1,
    });

    private static FileStream Open(string path, FileStreamOptions options) => Translated(path, () => new FileStream(path, options));

    private static T Translated<T>(string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArrayFileAccessException("no such file", missing: true, e) { SourcePath = path };
        }
        catch (UnauthorizedAccessException e) when (Directory.Exists(path))
        {
            // .NET reports opening a folder as access denied, which misleads even root: say what it is.
            throw new ArrayFileAccessException("is a folder", missing: false, e) { SourcePath = path };
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArrayFileAccessException("permission denied", missing: false, e) { SourcePath = path };
        }
    }
}
