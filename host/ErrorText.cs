using Formats.Hosting;

namespace Formats.Host;

/// <summary>Turns any failure into the one line after <c>error: </c>, adding the command-line option that would settle it.</summary>
public static class ErrorText
{
    // Settings the libraries name by configuration key, and the option that sets each.
    private static readonly (string Setting, string Option)[] SettingOptions =
    [
        ("Formats:Worker:Inbox is not set", "--inbox DIR"),
        ("Formats:Worker:Outbox is not set", "--outbox DIR"),
        ("Formats:Worker:WorkerId '", "--worker-id"),
        ("Formats:Queue:AllowedRoots must name at least one folder jobs may read and write", "--allow DIR"),
    ];

    /// <summary>The message for <paramref name="e"/>: the library's own messages name the file already.</summary>
    public static string Describe(Exception e) => e switch
    {
        ArrayFormatException f => f.Message + Hint(f),
        AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
        Microsoft.Extensions.Options.OptionsValidationException o => "invalid configuration: " + string.Join("; ", o.Failures.Select(WithOption)),
        InvalidOperationException when e.Message.EndsWith("give each worker its own id", StringComparison.Ordinal) => e.Message + " (--worker-id)",
        _ => JobFailure.Describe(e),
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

    // A setting's problem with the option after the words that name it: "Formats:Worker:Inbox is not set (--inbox DIR)".
    private static string WithOption(string failure)
    {
        foreach (var (setting, option) in SettingOptions)
        {
            if (failure.StartsWith(setting, StringComparison.Ordinal))
            {
                // A quoted value ends the sentence's subject only at the sentence's end.
                var at = setting.EndsWith('\'') ? failure.Length : setting.Length;
                return $"{failure[..at]} ({option}){failure[at..]}";
            }
        }

        return failure;
    }
}
