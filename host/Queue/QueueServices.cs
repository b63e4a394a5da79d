using Formats.Hosting.RabbitMQ;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Formats.Host.Queue;

/// <summary>Adds the library's queue worker to the worker command's host, with the command's settings.</summary>
internal static class QueueServices
{
    /// <summary>
    /// Binds <see cref="QueueWorkerOptions"/> from <c>Formats:Queue</c> (the worker's command line writes its values
    /// there). Its parallelism is <c>Formats:Queue:Parallel</c>, else the worker's <c>--parallel</c>; its drain period the
    /// folder worker's <c>Formats:Worker:DrainSeconds</c>.
    /// </summary>
    /// <param name="builder">The worker's host.</param>
    /// <param name="allow">The command line's <c>--allow</c> folders; when any, they replace <c>Formats:Queue:AllowedRoots</c>.</param>
    public static HostApplicationBuilder AddQueueConsumer(this HostApplicationBuilder builder, IReadOnlyList<string> allow)
    {
        var parallel = builder.Configuration.GetValue<int?>($"{QueueWorkerOptions.SectionName}:{nameof(QueueWorkerOptions.Parallel)}")
            ?? builder.Configuration.GetValue<int?>("Formats:Worker:Parallel");
        var drain = builder.Configuration.GetValue<double?>("Formats:Worker:DrainSeconds");
        builder.Services.AddFormatsQueueWorker(builder.Configuration.GetSection(QueueWorkerOptions.SectionName));
        builder.Services.PostConfigure<QueueWorkerOptions>(o =>
        {
            o.Parallel = parallel ?? o.Parallel;
            o.DrainSeconds = drain ?? o.DrainSeconds;
            // Replaced, not merged: configuration binding would overlay the command line's list on the file's by index.
            if (allow.Count > 0)
            {
                o.AllowedRoots = [.. allow];
            }
        });
        return builder;
    }

    /// <summary>True when configuration names a queue (the worker then serves it even without <c>--queue</c>).</summary>
    public static bool QueueConfigured(this HostApplicationBuilder builder) =>
        !string.IsNullOrEmpty(builder.Configuration[$"{QueueWorkerOptions.SectionName}:Url"]);
}
