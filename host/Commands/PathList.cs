using System.CommandLine;

namespace Formats.Host.Commands;

/// <summary>A command's list of file arguments, which would take any word, an option nobody defined included.</summary>
internal static class PathList
{
    /// <summary>
    /// Makes a word that looks like an option (<c>--jsno</c>) among <paramref name="paths"/> a usage error, as an unknown
    /// option is anywhere else (so it gets its "did you mean" too), instead of a file that is not there. A file whose
    /// name starts with a dash is still reachable as <c>./-name</c>.
    /// </summary>
    public static void RefuseUnknownOptions(Command command, Argument<string[]> paths) => command.Validators.Add(result =>
    {
        if (FirstUnknownOption(result.GetValue(paths)) is { } unknown)
        {
            result.AddError($"Unrecognized command or argument '{unknown}'.");
        }
    });

    /// <summary>The first word of <paramref name="given"/> that looks like an option, or null.</summary>
    public static string? FirstUnknownOption(string[]? given) => given?.FirstOrDefault(p => p.Length > 1 && p[0] == '-');
}
