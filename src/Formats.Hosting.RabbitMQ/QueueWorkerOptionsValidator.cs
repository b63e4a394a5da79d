using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.RabbitMQ;

/// <summary>Checks <see cref="QueueWorkerOptions"/> at start, naming every setting that is wrong (by its configuration key under <paramref name="section"/>) and the value it has.</summary>
internal sealed partial class QueueWorkerOptionsValidator(string section) : IValidateOptions<QueueWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueWorkerOptions options)
    {
        var problems = new List<string>();
        void Require(bool ok, string setting, object? value, string rule)
        {
            if (!ok)
            {
                problems.Add($"{section}:{setting} must be {rule} (it is {value ?? "empty"})");
            }
        }

        Require(Uri.TryCreate(options.Broker, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps", "Url",
            options.Broker is null ? null : JobPublisher.Redact(options.Broker), "an amqp://HOST[:PORT]/VHOST URL");
        Require(options.Queue is not null && QueueName().IsMatch(options.Queue), "Name", options.Queue, "1-200 letters, digits, '_', '.', ':' or '-'");
        Require(options.DeliveryLimit is >= 1 and <= 1000, nameof(options.DeliveryLimit), options.DeliveryLimit, "from 1 to 1000");
        Require(options.Parallel is >= 1 and <= 1024, nameof(options.Parallel), options.Parallel, "from 1 to 1024");
        Require(options.DrainSeconds >= 0, nameof(options.DrainSeconds), options.DrainSeconds, "at least 0");
        Require(options.Prefetch == 0 || (options.Prefetch >= options.Parallel && options.Prefetch <= 65535), nameof(options.Prefetch), options.Prefetch,
            "0 (the parallelism) or from the parallelism to 65535");
        Require(options.HeartbeatSeconds is >= 0.1 and <= 300, nameof(options.HeartbeatSeconds), options.HeartbeatSeconds, "from 0.1 to 300");
        Require(options.RetrySeconds is >= 1 and <= 3600, nameof(options.RetrySeconds), options.RetrySeconds, "from 1 to 3600");
        if (options.AllowedRoots.Count == 0)
        {
            problems.Add($"{section}:{nameof(options.AllowedRoots)} must name at least one folder jobs may read and write:"
                + " anyone who can publish to the queue chooses the paths");
        }

        foreach (var root in options.AllowedRoots)
        {
            Require(!string.IsNullOrWhiteSpace(root) && (Path.IsPathFullyQualified(root) || StoreRoot().IsMatch(root)), nameof(options.AllowedRoots), root,
                "absolute folders or store prefixes (s3://bucket/prefix/)");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // scheme://bucket[/prefix]: a bucket is required, so that a root never allows a whole store.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*://[^/]+(/.*)?$")]
    private static partial Regex StoreRoot();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,200}$")]
    private static partial Regex QueueName();
}
