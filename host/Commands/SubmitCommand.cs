using System.CommandLine;
using Formats.Hosting;
using Formats.Hosting.RabbitMQ;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Formats.Host.Commands;

/// <summary><c>formats submit --queue URL INPUT... --to FMT --outbox DIR</c>: one conversion job per input, for the queue's workers.</summary>
internal static class SubmitCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "Files to convert; a folder (or an s3://bucket/prefix/) stands for the files in it", Arity = ArgumentArity.OneOrMore };
        var queue = new Option<string>("--queue") { Description = "The RabbitMQ broker", HelpName = "amqp://HOST[:PORT]/VHOST", Required = true };
        var queueName = new Option<string>("--queue-name") { Description = "The jobs queue", HelpName = "NAME", DefaultValueFactory = _ => QueueTopology.DefaultName };
        var deliveryLimit = ParsedOption.Create<int?>("--delivery-limit", t => (int)ParsedOption.Integer(t, 1, 1000),
            $"Returns after which a job is dead-lettered, if this submit creates the queue (default {QueueTopology.DefaultDeliveryLimit})", "N");
        var to = new Option<string>("--to") { Description = "Output format", HelpName = "FMT", Required = true };
        var outbox = new Option<string>("--outbox") { Description = "Folder for the outputs, on the filesystem the workers share, or an s3://bucket/prefix/ (INPUT's name, FMT's extension; an archive's member is named after INPUT, as the folder worker does)", HelpName = "DIR", Required = true };
        var compress = new Option<bool>("--compress") { Description = "Compress archive output (like np.savez_compressed)" };
        var level = ParsedOption.Create<int?>("--level", t => (int)ParsedOption.Integer(t, 0, 9), "Compression level 0-9; 0 means stored", "0-9");
        var wait = new Option<bool>("--wait") { Description = "Follow the jobs to their end with a progress bar; exit 1 naming every dead-lettered job" };
        var read = new ReadOptionSet();
        var command = new Command("submit", "Publish conversion jobs to a RabbitMQ queue for `formats worker --queue` (docs/scale-out.md)")
        {
            inputs, queue, queueName, deliveryLimit, to, outbox, compress, level, wait,
        };
        PathList.RefuseUnknownOptions(command, inputs);
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var format = host.Services.GetRequiredService<Formats.Registry.FormatRegistry>().Find(parse.GetValue(to)!)
                ?? throw new ArgumentException($"--to {parse.GetValue(to)}: no such format (see formats plugins)");
            var extension = format.Extensions.Count > 0 ? "." + format.Extensions[0].TrimStart('.') : "";
            // Not created here: the folder is the workers' (a share this machine may not even mount), and a missing one
            // is their error to report (retried, then dead-lettered), never a folder made on someone's local disk.
            // An s3:// outbox is a prefix in the store the workers write to: no folder to share at all.
            var folder = parse.GetValue(outbox)! is var given && RemoteLocation.Is(given) ? given : Path.GetFullPath(given);
            var batch = Guid.NewGuid().ToString("N");
            var readAs = JobRead.From(read.ToRequest(parse, withMember: false, withRows: false));
            var writeAs = JobWrite.From(new WriteRequest { Compress = parse.GetValue(compress), CompressionLevel = parse.GetValue(level) }, format.Name);
            var jobs = ConversionBatch.ForQueue(ConversionBatch.ExpandFolders(parse.GetValue(inputs)!, host.Services.GetServices<IArrayStorage>()), folder, extension, batch, readAs, writeAs);

            var topology = new QueueTopology(parse.GetValue(queueName)!, parse.GetValue(deliveryLimit) ?? QueueTopology.DefaultDeliveryLimit);
            var url = parse.GetValue(queue)!;
            JobPublisher publisher;
            try
            {
                publisher = await JobPublisher.ConnectAsync(url, topology, "formats submit", cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException("--queue " + e.Message, e);
            }

            await using var _ = publisher;
            var follower = parse.GetValue(wait) ? await publisher.FollowAsync(batch, cancellationToken) : null;
            await publisher.PublishAsync(jobs, cancellationToken);
            await context.Error.WriteLineAsync($"submitted {jobs.Count} job(s) to {topology.Jobs} on {publisher.Broker} (batch {batch})");
            if (follower is null)
            {
                return 0;
            }

            var ended = await FollowAsync(follower, jobs, cancellationToken);
            var dead = jobs.Where(j => ended[j.Id!] is not null).ToList();
            await context.Error.WriteLineAsync($"{jobs.Count - dead.Count} converted, {dead.Count} dead-lettered (in {topology.Dead})");
            foreach (var job in dead)
            {
                var reason = ended[job.Id!]!;
                await context.Error.WriteLineAsync($"error: {(reason.Contains(job.Input, StringComparison.Ordinal) ? reason : job.Input + ": " + reason)} (job {job.Id}, dead-lettered)");
            }

            return dead.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<IReadOnlyDictionary<string, string?>> FollowAsync(JobFollower follower, IReadOnlyList<ConversionJob> jobs, CancellationToken cancellationToken)
    {
        var ids = jobs.Select(j => j.Id!).ToHashSet(StringComparer.Ordinal);
        if (Console.IsErrorRedirected)
        {
            return await follower.WaitAsync(ids, _ => { }, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            var done = ctx.AddTask("converted", maxValue: jobs.Count);
            var failed = 0;
            return await follower.WaitAsync(ids, outcome =>
            {
                done.Increment(1);
                if (outcome.Reason is not null)
                {
                    done.Description = $"converted, {++failed} dead-lettered";
                }
            }, cancellationToken);
        });
    }
}
