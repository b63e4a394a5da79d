using System.CommandLine;
using Formats.Host.Worker;
using Formats.Hosting.RabbitMQ;
using Formats.Hosting.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats status --queue URL [--queue-name NAME] --listen URL</c>: the fleet's status page, <c>/api/status</c>,
/// <c>/metrics</c> and <c>/healthz</c> (docs/operations.md), Formats.Hosting.Status in a small ASP.NET Core app. The
/// native program leaves it out (StatusCommand.Native.cs hands it to the JIT build).
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var queue = new Option<string>("--queue") { Description = "The RabbitMQ broker the workers use", HelpName = "amqp://HOST[:PORT]/VHOST", Required = true };
        var queueName = new Option<string>("--queue-name") { Description = "The jobs queue", HelpName = "NAME", DefaultValueFactory = _ => QueueTopology.DefaultName };
        var listen = new Option<string>("--listen") { Description = "Where to serve the page (port 0: any free port, printed at start)", HelpName = "http://HOST:PORT", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var lostAfter = ParsedOption.Create<int?>("--lost-after", t => (int)ParsedOption.Integer(t, 1, 1000), "Heartbeats a worker may miss before it is shown as lost (default 3)", "BEATS");
        var command = new Command("status", "Serve a live status page of a queue's workers, with /api/status, Prometheus /metrics and /healthz (docs/operations.md)")
        {
            queue, queueName, listen, lostAfter,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(queue)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var broker) || broker.Scheme is not ("amqp" or "amqps"))
            {
                throw new ArgumentException($"--queue {JobPublisher.Redact(url)}: expected amqp://HOST[:PORT]/VHOST");
            }

            var builder = WebEndpoints.CreateBuilder(parse.GetValue(listen)!, "--listen");
            builder.Services.AddFormatsFleetStatus(o =>
            {
                o.Broker = url;
                o.Queue = parse.GetValue(queueName)!;
                o.LostAfterBeats = parse.GetValue(lostAfter) ?? o.LostAfterBeats;
            });
            await using var app = builder.Build();
            app.MapFormatsFleetStatus();
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            // The monitor ends the app when it cannot go on (wrong credentials, a missing vhost): that is the error.
            if (app.Services.GetRequiredService<FleetMonitor>().ExecuteTask?.Exception?.InnerException is { } failed)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            }

            return 0;
        });
        return command;
    }
}
