using System.CommandLine;

namespace Formats.Host;

/// <summary>
/// "Did you mean ...?" for a mistyped command or option. System.CommandLine 2 prints its typo corrections only from its
/// own parse-error action, which would print the error in its words and the help after it; this CLI prints parse errors
/// itself, as one <c>error:</c> line, so the suggestion is made here and added to that line.
/// </summary>
internal static partial class TypoSuggestion
{
    /// <summary>The one error line for a failed parse: the error about the first unknown word, if any, with the nearest
    /// valid command or option where one is close enough.</summary>
    public static string ErrorLine(ParseResult parsed)
    {
        // The unknown word is read back from System.CommandLine's own sentence ("Unrecognized command or argument 'x'."):
        // UnmatchedTokens does not hold words that a command's variadic argument would also have refused.
        foreach (var error in parsed.Errors)
        {
            if (UnknownWord().Match(error.Message) is { Success: true } match)
            {
                var word = match.Groups[1].Value;
                var nearest = Nearest(word, Candidates(parsed.CommandResult.Command, word.StartsWith('-')));
                return nearest.Count == 0 ? error.Message : $"{error.Message} Did you mean {string.Join(" or ", nearest)}?";
            }
        }

        return parsed.Errors[0].Message;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Unrecognized command or argument '(.*)'\\.$")]
    private static partial System.Text.RegularExpressions.Regex UnknownWord();

    // Options of the command and those inherited from above (--plugins, --help); subcommands where a command was expected.
    private static IEnumerable<string> Candidates(Command command, bool option)
    {
        if (!option)
        {
            return command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        }

        var options = new List<Option>(command.Options);
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options.AddRange(parent.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }

    // The candidates at the smallest edit distance, when it is small for the word's length (one edit in four letters, at
    // most three): "--compres" finds "--compress", "conver" finds "convert", "--bogus" finds nothing.
    private static List<string> Nearest(string word, IEnumerable<string> candidates)
    {
        var scored = candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: Distance(word.TrimStart('-'), c.TrimStart('-'))))
            .Where(c => c.Distance <= Math.Min(3, Math.Max(1, word.TrimStart('-').Length / 4)))
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(c => c.Distance);
        return [.. scored.Where(c => c.Distance == best).Select(c => c.Name).Order(StringComparer.Ordinal)];
    }

    // Levenshtein distance, with a swap of two neighbouring letters counted as one edit (Damerau's restricted form).
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
