using System.CommandLine;
using Formats.Host.Queue;
using Microsoft.Extensions.Hosting;

namespace Formats.Host.Commands;

/// <summary><c>formats worker --queue URL</c>: a long-running conversion worker fed by a RabbitMQ queue.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var queue = new Option<string?>("--queue") { Description = "Take jobs from this RabbitMQ broker (or Formats:Queue:Url)", HelpName = "amqp://HOST[:PORT]/VHOST" };
        var queueName = new Option<string?>("--queue-name") { Description = $"The jobs queue (default {QueueTopology.DefaultName}; NAME.dead and NAME.results go with it)", HelpName = "NAME" };
        var parallel = ParsedOption.Create<int?>("--parallel", t => (int)ParsedOption.Integer(t, 1, 1024), "Jobs converted at once, and the broker's prefetch (default: the core count)", "N");
        var deliveryLimit = ParsedOption.Create<int?>("--delivery-limit", t => (int)ParsedOption.Integer(t, 1, 1000),
            $"Returns after which a job is dead-lettered (default {QueueTopology.DefaultDeliveryLimit}; must match the queue's)", "N");
        var command = new Command("worker", "Convert jobs from a RabbitMQ queue until stopped (SIGTERM, Ctrl-C): docs/scale-out.md") { queue, queueName, parallel, deliveryLimit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse, builder => builder.AddQueueConsumer(o =>
            {
                o.Url = parse.GetValue(queue) ?? o.Url;
                o.Name = parse.GetValue(queueName) ?? o.Name;
                o.Parallel = parse.GetValue(parallel) ?? o.Parallel;
                o.DeliveryLimit = parse.GetValue(deliveryLimit) ?? o.DeliveryLimit;
            }));
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
