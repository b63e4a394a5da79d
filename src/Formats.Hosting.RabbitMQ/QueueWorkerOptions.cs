using Microsoft.Extensions.Configuration;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Settings of the <see cref="QueueWorker"/>, validated when the host starts. Bound from configuration by
/// <c>AddFormatsQueueWorker(section)</c> (keys <c>Url</c>, <c>Name</c>, <c>AllowedRoots</c>, ...; the <c>formats</c>
/// program binds <see cref="SectionName"/>), or set in code.
/// </summary>
public sealed class QueueWorkerOptions
{
    /// <summary>The configuration section the <c>formats worker</c> command binds.</summary>
    public const string SectionName = "Formats:Queue";

    /// <summary>The broker: <c>amqp://[USER:PASSWORD@]HOST[:PORT]/VHOST</c> (or <c>amqps://</c>). Required. Configuration key <c>Url</c>.</summary>
    [ConfigurationKeyName("Url")]
    public string? Broker { get; set; }

    /// <summary>The jobs queue; <c>NAME.dead</c> and <c>NAME.results</c> go with it. Configuration key <c>Name</c>.</summary>
    [ConfigurationKeyName("Name")]
    public string Queue { get; set; } = QueueTopology.DefaultName;

    /// <summary>Returns after which the broker dead-letters a job (the quorum queue's <c>x-delivery-limit</c>), from 1 to 1000.</summary>
    public int DeliveryLimit { get; set; } = QueueTopology.DefaultDeliveryLimit;

    /// <summary>Jobs converted at once (default: the processor count), from 1 to 1024.</summary>
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Unacknowledged deliveries the broker allows this worker (<c>basic.qos</c>); default (0) <see cref="Parallel"/>.
    /// More hides the broker's round trip between one job's ack and the next delivery, at the cost of jobs that wait in
    /// this worker while others are idle, and are redelivered if it dies.
    /// </summary>
    public int Prefetch { get; set; }

    /// <summary>The prefetch in use.</summary>
    public int EffectivePrefetch => Prefetch > 0 ? Prefetch : Parallel;

    /// <summary>Seconds between reconnection attempts, and the step of a failed job's wait before its retry.</summary>
    public int RetrySeconds { get; set; } = 2;

    /// <summary>Seconds between two heartbeats (the worker's <see cref="WorkerStatus"/> on <see cref="QueueTopology.Status"/>), from 0.1 to 300.</summary>
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>When the worker is stopped, seconds the jobs in hand get to finish before they are abandoned (the broker delivers them again).</summary>
    public double DrainSeconds { get; set; } = 20;

    /// <summary>
    /// Absolute folders jobs may read from and write to. Required: whoever can publish to the queue chooses the paths,
    /// so without roots a worker would read and overwrite whatever its user may. A root may be a store prefix
    /// (<c>s3://bucket/prefix/</c>, with the storage registered): jobs then read and write objects under it, and workers
    /// need share no folder.
    /// </summary>
    public IList<string> AllowedRoots { get; set; } = [];

    /// <summary>The broker objects <see cref="Queue"/> and <see cref="DeliveryLimit"/> stand for.</summary>
    public QueueTopology Topology => new(Queue, DeliveryLimit);
}
