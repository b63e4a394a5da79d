using Microsoft.Extensions.Logging;

namespace Formats.Files;

/// <summary>What the facade logs, with fixed event ids.</summary>
internal static partial class ArrayFilesLog
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Converted {Plan} as {Format} ({Bytes} data bytes)")]
    public static partial void Converted(ILogger logger, ConversionPlan plan, string format, long bytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Appended {Rows} rows to {Path} (in place: {InPlace})")]
    public static partial void Appended(ILogger logger, string path, long rows, bool inPlace);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Edited archive {Path}")]
    public static partial void Edited(ILogger logger, string path);
}
