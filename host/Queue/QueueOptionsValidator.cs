using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Formats.Host.Queue;

/// <summary>Checks <see cref="QueueOptions"/> at start, naming every setting that is wrong and the value it has.</summary>
internal sealed partial class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var problems = new List<string>();
        void Require(bool ok, string setting, object? value, string rule)
        {
            if (!ok)
            {
                problems.Add($"{QueueOptions.SectionName}:{setting} must be {rule} (it is {value ?? "empty"})");
            }
        }

        Require(Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps", nameof(options.Url),
            options.Url is null ? null : QueueConnector.Redact(options.Url), "an amqp://HOST[:PORT]/VHOST URL");
        Require(options.Name is not null && QueueName().IsMatch(options.Name), nameof(options.Name), options.Name, "1-200 letters, digits, '_', '.', ':' or '-'");
        Require(options.DeliveryLimit is >= 1 and <= 1000, nameof(options.DeliveryLimit), options.DeliveryLimit, "from 1 to 1000");
        Require(options.Parallel is >= 1 and <= 1024, nameof(options.Parallel), options.Parallel, "from 1 to 1024");
        Require(options.DrainSeconds >= 0, "DrainSeconds (Formats:Worker:DrainSeconds)", options.DrainSeconds, "at least 0");
        Require(options.Prefetch == 0 || (options.Prefetch >= options.Parallel && options.Prefetch <= 65535), nameof(options.Prefetch), options.Prefetch,
            "0 (the parallelism) or from the parallelism to 65535");
        Require(options.RetrySeconds is >= 1 and <= 3600, nameof(options.RetrySeconds), options.RetrySeconds, "from 1 to 3600");
        if (options.AllowedRoots.Count == 0)
        {
            problems.Add($"{QueueOptions.SectionName}:{nameof(options.AllowedRoots)} must name at least one folder jobs may read and write (--allow DIR):"
                + " anyone who can publish to the queue chooses the paths (docs/scale-out.md)");
        }

        foreach (var root in options.AllowedRoots)
        {
            Require(!string.IsNullOrWhiteSpace(root) && Path.IsPathFullyQualified(root), nameof(options.AllowedRoots), root, "absolute folders");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,200}$")]
    private static partial Regex QueueName();
}
