namespace Formats;

/// <summary>Gives every failure against a file the library's exception type, naming the file.</summary>
internal static class FileErrors
{
    /// <summary>
    /// Runs a step against <paramref name="path"/>, so that every failure leaves as an <see cref="ArrayFormatException"/>
    /// naming the file: format errors get the path; low-level errors (truncation, bad data, overflow) are wrapped.
    /// </summary>
    internal static T Guard<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Translate(e, path) is { } translated)
        {
            if (ReferenceEquals(translated, e))
            {
                throw;
            }

            throw translated;
        }
    }

    internal static async Task<T> GuardAsync<T>(string path, Func<Task<T>> action, string? readPath = null)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (Translate(e, path, readPath) is { } translated)
        {
            if (ReferenceEquals(translated, e))
            {
                throw;
            }

            throw translated;
        }
    }

    public static Exception? Translate(Exception e, string path, string? readPath = null)
    {
        switch (e)
        {
            case ArrayFormatException f:
                // Errors raised while reading the source name the source; the rest name the output.
                f.SourcePath ??= readPath ?? path;
                return f;
            case EndOfStreamException:
                return new MalformedArrayException("file ends early (truncated)", e) { SourcePath = readPath ?? path };
            case InvalidDataException or OverflowException or IndexOutOfRangeException or FormatException:
                return new MalformedArrayException(e.Message, e) { SourcePath = readPath ?? path };
            case IOException io when io.GetType() == typeof(IOException):
                return new ArrayFormatException(io.Message, io) { SourcePath = path };
            default:
                return null;
        }
    }
}
