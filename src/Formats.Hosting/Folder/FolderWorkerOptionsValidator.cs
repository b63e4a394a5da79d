using System.Globalization;
using Formats.Numpy;
using Microsoft.Extensions.Options;

namespace Formats.Hosting;

/// <summary>
/// Checks the worker's settings when the host starts (<c>ValidateOnStart</c>): every problem is listed, each naming its
/// configuration key under <paramref name="section"/> (an application adds its own hints where it prints them).
/// </summary>
internal sealed class FolderWorkerOptionsValidator(ArrayFiles files, string section) : IValidateOptions<FolderWorkerOptions>
{
    private readonly string key = section + ":";

    private string Key => key;

    public ValidateOptionsResult Validate(string? name, FolderWorkerOptions options)
    {
        var problems = new List<string>();
        CheckFolder(problems, "Inbox", options.Inbox, mustExist: true);
        // A store prefix exists as soon as an object is put under it.
        var remoteOutbox = RemoteLocation.Is(options.Outbox);
        CheckFolder(problems, "Outbox", options.Outbox, mustExist: !remoteOutbox);
        if (options.Inbox.Length > 0 && options.Outbox.Length > 0 && !remoteOutbox && SameFolder(options.Inbox, options.Outbox))
        {
            problems.Add($"{Key}Outbox must not be the inbox");
        }

        if (options.Inbox.Length > 0)
        {
            foreach (var (key, folder) in new[] { ("Done", options.DoneFolder), ("Failed", options.FailedFolder) })
            {
                if (SameFolder(folder, options.Inbox))
                {
                    problems.Add($"{Key}{key} must not be the inbox");
                }
            }
        }

        if (options.Parallel is < 1 or > 1024)
        {
            problems.Add($"{Key}Parallel must be from 1 to 1024 (it is {options.Parallel})");
        }

        if (options.Level is < 0 or > 9)
        {
            problems.Add($"{Key}Level must be from 0 to 9 (it is {options.Level})");
        }

        if (!(options.SettleSeconds >= 0))
        {
            problems.Add($"{Key}SettleSeconds must be at least 0 (it is {Num(options.SettleSeconds)})");
        }

        if (!(options.ScanIntervalSeconds > 0))
        {
            problems.Add($"{Key}ScanIntervalSeconds must be more than 0 (it is {Num(options.ScanIntervalSeconds)})");
        }

        if (!(options.DrainSeconds >= 0))
        {
            problems.Add($"{Key}DrainSeconds must be at least 0 (it is {Num(options.DrainSeconds)})");
        }

        var id = options.EffectiveWorkerId;
        if (id.StartsWith('.') || id.IndexOfAny(['/', '\\']) >= 0 || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            problems.Add($"{Key}WorkerId '{id}' must be a plain file name, not starting with '.'");
        }

        CheckFormat(problems, $"{Key}To", options.To);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            CheckRule(problems, $"{Key}Rules:{i}:", options.Rules[i]);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void CheckRule(List<string> problems, string key, ConversionRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Pattern))
        {
            problems.Add($"{key}Pattern is not set");
        }

        if (rule.To is not null)
        {
            CheckFormat(problems, key + "To", rule.To);
        }

        if (rule.Level is < 0 or > 9)
        {
            problems.Add($"{key}Level must be from 0 to 9 (it is {rule.Level})");
        }

        if (rule.DType is null)
        {
            if (rule.Shape is not null || rule.Offset != 0 || rule.Order is not null)
            {
                problems.Add($"{key}Shape, Offset and Order describe raw input and need {key}DType");
            }

            return;
        }

        try
        {
            DTypeDescr.Parse(rule.DType);
        }
        catch (ArrayFormatException e)
        {
            problems.Add($"{key}DType '{rule.DType}': {e.Problem}");
        }

        if (rule.Shape is { } shape && (shape.Count(d => d == -1) > 1 || shape.Any(d => d < -1)))
        {
            problems.Add($"{key}Shape [{string.Join(", ", shape)}] may hold one -1 and otherwise non-negative dimensions");
        }

        if (rule.Offset < 0)
        {
            problems.Add($"{key}Offset must be at least 0 (it is {rule.Offset})");
        }

        if (rule.Order is not null)
        {
            try
            {
                JobRead.ParseOrder(rule.Order);
            }
            catch (ArrayFormatException)
            {
                problems.Add($"{key}Order must be C or F (it is '{rule.Order}')");
            }
        }
    }

    private void CheckFormat(List<string> problems, string key, string format)
    {
        if (files.Router.Registry.Find(format) is null)
        {
            problems.Add($"{key} '{format}' is not a loaded format (known: {string.Join(", ", files.Router.Registry.Names)})");
        }
    }

    private void CheckFolder(List<string> problems, string key, string path, bool mustExist)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"{Key}{key} is not set");
        }
        else if (mustExist && !Directory.Exists(path))
        {
            problems.Add($"{Key}{key}: the folder {Path.GetFullPath(path)} does not exist");
        }
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
