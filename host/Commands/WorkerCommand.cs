using System.CommandLine;
using System.Globalization;
using Formats.Host.Worker;
using Formats.Hosting;
using Formats.Hosting.RabbitMQ;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats worker --inbox DIR --outbox DIR ...</c>: the background conversion worker (docs/worker.md). Every option
/// is also a configuration key under <c>Formats:Worker</c>; the command line wins over environment and appsettings.json.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var inbox = new Option<string?>("--inbox") { Description = "Folder producers drop complete files into (write elsewhere, then rename in)", HelpName = "DIR" };
        var outbox = new Option<string?>("--outbox") { Description = "Folder converted files are committed to, or an s3://bucket/prefix/ they are uploaded under", HelpName = "DIR" };
        var done = new Option<string?>("--done") { Description = "Where converted inputs go (default INBOX/.done)", HelpName = "DIR" };
        var failed = new Option<string?>("--failed") { Description = "Where failed inputs go, each with NAME.error.txt (default INBOX/.failed)", HelpName = "DIR" };
        var to = new Option<string?>("--to") { Description = "Output format (default npz)", HelpName = "FMT" };
        var compress = new Option<bool>("--compress") { Description = "Compress archive output (like np.savez_compressed)" };
        var level = ParsedOption.Create<int?>("--level", t => (int)ParsedOption.Integer(t, 0, 9), "Compression level 0-9; 0 means stored", "0-9");
        var parallel = ParsedOption.Create<int?>("--parallel", t => (int)ParsedOption.Integer(t, 1, 1024), "Files converted at once (default: the core count)", "N");
        var settle = ParsedOption.Create<double?>("--settle", Seconds,
            "Take a file only after its size and time are unchanged this long, for producers that cannot rename (default 2; 0: every producer renames)", "SECONDS");
        var once = new Option<bool>("--once") { Description = "Convert what is in the inbox, then exit (1 if any file failed)" };
        var workerId = new Option<string?>("--worker-id") { Description = "This worker's name (default: the machine name); workers sharing folders need different ids", HelpName = "ID" };
        var queue = new Option<string?>("--queue") { Description = "Also (or only) take jobs from this RabbitMQ broker (docs/scale-out.md)", HelpName = "amqp://HOST[:PORT]/VHOST" };
        var queueName = new Option<string?>("--queue-name") { Description = $"The jobs queue (default {QueueTopology.DefaultName}; NAME.dead and NAME.results go with it)", HelpName = "NAME" };
        var deliveryLimit = ParsedOption.Create<int?>("--delivery-limit", t => (int)ParsedOption.Integer(t, 1, 1000),
            $"Returns after which a queued job is dead-lettered (default {QueueTopology.DefaultDeliveryLimit}; must match the queue's)", "N");
        var allow = new Option<string[]>("--allow")
        {
            Description = "A folder, or an s3://bucket/prefix/, queued jobs may read from and write to (repeatable; required with a queue; replaces Formats:Queue:AllowedRoots)",
            HelpName = "DIR",
        };
        var listen = new Option<string?>("--listen") { Description = "Serve this worker's Prometheus /metrics and /healthz here (docs/operations.md)", HelpName = "http://HOST:PORT" };
        var config = new Option<string?>("--config") { Description = "A JSON settings file read after appsettings.json (rules: docs/worker.md)", HelpName = "FILE" };
        var command = new Command("worker", "Convert files dropped into a folder, and/or jobs from a RabbitMQ queue, as a long-running service (docs/worker.md, docs/scale-out.md)")
        {
            inbox, outbox, done, failed, to, compress, level, parallel, settle, once, workerId, config, queue, queueName, deliveryLimit, allow, listen,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>();
            void Set<T>(Option<T> option, string key, Func<T, string?> text, string section = FolderWorkerOptions.SectionName)
            {
                if (parse.GetResult(option) is { Implicit: false } && parse.GetValue(option) is { } value)
                {
                    values[$"{section}:{key}"] = text(value);
                }
            }

            Set(inbox, nameof(FolderWorkerOptions.Inbox), v => v);
            Set(outbox, nameof(FolderWorkerOptions.Outbox), v => v);
            Set(done, nameof(FolderWorkerOptions.Done), v => v);
            Set(failed, nameof(FolderWorkerOptions.Failed), v => v);
            Set(to, nameof(FolderWorkerOptions.To), v => v);
            Set(compress, nameof(FolderWorkerOptions.Compress), v => v ? "true" : "false");
            Set(level, nameof(FolderWorkerOptions.Level), v => v?.ToString(CultureInfo.InvariantCulture));
            Set(parallel, nameof(FolderWorkerOptions.Parallel), v => v?.ToString(CultureInfo.InvariantCulture));
            Set(settle, nameof(FolderWorkerOptions.SettleSeconds), v => v?.ToString(CultureInfo.InvariantCulture));
            Set(once, "Once", v => v ? "true" : "false");
            Set(workerId, nameof(FolderWorkerOptions.WorkerId), v => v);
            Set(queue, "Url", v => v, QueueWorkerOptions.SectionName);
            Set(queueName, "Name", v => v, QueueWorkerOptions.SectionName);
            Set(deliveryLimit, nameof(QueueWorkerOptions.DeliveryLimit), v => v?.ToString(CultureInfo.InvariantCulture), QueueWorkerOptions.SectionName);

            var roots = (parse.GetValue(allow) ?? []).Select(r => RemoteLocation.Is(r) ? r : Path.GetFullPath(r)).ToList();
            using var host = WorkerHost.Build(values, parse.GetValue(config), parse.GetValue(context.PluginDirectories) ?? [], roots, parse.GetValue(context.EndpointUrl));
            // Resolved before the host runs: RunAsync disposes it.
            var folder = host.Services.GetService<FolderWorker>();
            var queueWorker = host.Services.GetService<QueueWorker>();
            Exception? fatal = null;
            try
            {
                // "Convert what is there and stop" is the library's own call; the host is only started for a service.
                if (folder is not null && host.Services.GetRequiredService<IConfiguration>().GetValue<bool>($"{FolderWorkerOptions.SectionName}:Once"))
                {
                    return await WorkerListen.RunAsync(parse.GetValue(listen), host.Services, async () =>
                    {
                        var result = await folder.RunOnceAsync(cancellationToken);
                        return result.Failed > 0 ? 1 : 0;
                    }, context.Error, cancellationToken);
                }

                var handedOver = await WorkerListen.RunAsync(parse.GetValue(listen), host.Services, async () =>
                {
                    await host.RunAsync(cancellationToken);
                    return -1;
                }, context.Error, cancellationToken);
                if (handedOver >= 0)
                {
                    return handedOver; // the JIT build ran the whole command
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                fatal = e;
            }

            if ((fatal ?? folder?.ExecuteTask?.Exception?.InnerException ?? queueWorker?.ExecuteTask?.Exception?.InnerException) is { } stopped)
            {
                await context.Error.WriteLineAsync("error: " + ErrorText.Describe(stopped));
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static double? Seconds(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new FormatException("a number of seconds, at least 0");
}
