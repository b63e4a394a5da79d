using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Host.Queue;

/// <summary>Adds the queue consumer to a worker's host.</summary>
internal static class QueueServices
{
    /// <summary>
    /// Binds <see cref="QueueOptions"/> from <c>Formats:Queue</c> (the worker's command line writes its values
    /// there), validates them at start and runs a <see cref="QueueConsumer"/>. Its parallelism is
    /// <c>Formats:Queue:Parallel</c>, else the worker's <c>--parallel</c>.
    /// </summary>
    /// <param name="builder">The worker's host.</param>
    /// <param name="allow">The command line's <c>--allow</c> folders; when any, they replace <c>Formats:Queue:AllowedRoots</c>.</param>
    public static HostApplicationBuilder AddQueueConsumer(this HostApplicationBuilder builder, IReadOnlyList<string> allow)
    {
        var parallel = builder.Configuration.GetValue<int?>($"{QueueOptions.SectionName}:{nameof(QueueOptions.Parallel)}")
            ?? builder.Configuration.GetValue<int?>("Formats:Worker:Parallel");
        var drain = builder.Configuration.GetValue<double?>("Formats:Worker:DrainSeconds");
        builder.Services.AddOptions<QueueOptions>()
            .Bind(builder.Configuration.GetSection(QueueOptions.SectionName))
            .PostConfigure(o =>
            {
                o.Parallel = parallel ?? o.Parallel;
                o.DrainSeconds = drain ?? o.DrainSeconds;
                // Replaced, not merged: configuration binding would overlay the command line's list on the file's by index.
                if (allow.Count > 0)
                {
                    o.AllowedRoots = [.. allow];
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>();
        builder.Services.AddHostedService<QueueConsumer>();
        builder.Logging.AddFilter(typeof(QueueConsumer).FullName, LogLevel.Information);
        return builder;
    }

    /// <summary>True when configuration names a queue (the worker then serves it even without <c>--queue</c>).</summary>
    public static bool QueueConfigured(this HostApplicationBuilder builder) =>
        !string.IsNullOrEmpty(builder.Configuration[$"{QueueOptions.SectionName}:Url"]);
}
