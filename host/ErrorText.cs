namespace Formats.Host;

/// <summary>Turns any failure into the one line after <c>error: </c>.</summary>
public static class ErrorText
{
    /// <summary>The message for <paramref name="e"/>: the library's own messages name the file already.</summary>
    public static string Describe(Exception e) => e switch
    {
        ArrayFormatException f => f.Message,
        OperationCanceledException => "cancelled",
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        UnauthorizedAccessException or IOException => e.Message,
        InvalidOperationException or ArgumentException or NotSupportedException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
