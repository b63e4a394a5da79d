namespace Formats;

/// <summary>
/// Opens input files, turning "not there", "a folder" and "not allowed" into the library's errors naming the file.
/// </summary>
internal static class FileOpening
{
    public static FileStream OpenRead(string path) => Open(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.Read,
        // Headers are small and large data reads bypass the buffer: 4 KiB keeps opening cheap (row reads).
        BufferSize = 4096,
        Options = FileOptions.SequentialScan,
    });

    public static FileStream OpenForUpdate(string path) => Open(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.ReadWrite,
        Share = FileShare.None,
        BufferSize = 1,
    });

    private static FileStream Open(string path, FileStreamOptions options)
    {
        try
        {
            return new FileStream(path, options);
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
