namespace Formats.Host;

/// <summary>Turns any failure into the one line after <c>error: </c>, adding the command-line option that would settle it.</summary>
public static class ErrorText
{
    /// <summary>The message for <paramref name="e"/>: the library's own messages name the file already.</summary>
    public static string Describe(Exception e) => e switch
    {
        ArrayFormatException f => f.Message + Hint(f),
        OperationCanceledException => "cancelled",
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        Microsoft.Extensions.Options.OptionsValidationException o => "invalid configuration: " + string.Join("; ", o.Failures),
        UnauthorizedAccessException or IOException => e.Message,
        InvalidOperationException or ArgumentException or NotSupportedException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    // The library names no command-line flags; this is where they are added.
    private static string Hint(ArrayFormatException e) => e switch
    {
        UnknownFormatException { Remedy: FormatChoice.Read } => " (use --from)",
        UnknownFormatException { Remedy: FormatChoice.Write } => " (use --to)",
        MemberNotFoundException { Requested: null, Members.Count: > 1 } => " (choose one with --name)",
        LayoutRequiredException { Missing: RawLayoutPart.DType } => " (--dtype, and optionally --shape, --offset, --order)",
        LayoutRequiredException { Missing: RawLayoutPart.Shape } => " (--shape)",
        ArrayCastException { Index: null } => " (--casting unsafe allows it)",
        ArrayCastException => " (without --check-range the cast writes NumPy's astype values)",
        _ => "",
    };
}
