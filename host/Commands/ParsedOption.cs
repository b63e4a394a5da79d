using System.CommandLine;
using System.Globalization;

namespace Formats.Host.Commands;

/// <summary>Options whose text is parsed while the command line is: a bad value is a usage error (exit 2) in one plain line.</summary>
internal static class ParsedOption
{
    public static Option<T> Create<T>(string name, Func<string, T> parse, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            try
            {
                return parse(text);
            }
            catch (Exception e) when (e is ArrayFormatException or FormatException or OverflowException)
            {
                result.AddError(e is ArrayFormatException f ? $"{name}: {f.Problem}" : $"{name} must be {e.Message}, not '{text}'");
                return default;
            }
        },
    };

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static long Integer(string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException(
                min == long.MinValue ? "a whole number" : max >= int.MaxValue ? $"a whole number of at least {min}" : $"a whole number from {min} to {max}");
        }

        return value;
    }
}
