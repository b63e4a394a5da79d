namespace Formats.Host.Queue;

/// <summary>
/// Where a worker takes jobs from: configuration section <c>Formats:Queue</c> (appsettings.json, <c>FORMATS_</c>
/// environment variables), overridden by <c>--queue</c> and <c>--queue-name</c>.
/// </summary>
internal sealed class QueueOptions
{
    public const string SectionName = "Formats:Queue";

    /// <summary><c>amqp://[USER:PASSWORD@]HOST[:PORT]/VHOST</c>; empty: no queue.</summary>
    public string? Url { get; set; }

    /// <summary>The jobs queue; <c>NAME.dead</c> and <c>NAME.results</c> go with it.</summary>
    public string Name { get; set; } = QueueTopology.DefaultName;

    /// <summary>Returns after which the broker dead-letters a job (the quorum queue's <c>x-delivery-limit</c>).</summary>
    public int DeliveryLimit { get; set; } = QueueTopology.DefaultDeliveryLimit;

    /// <summary>Jobs converted at once, and the prefetch (unacknowledged deliveries) the broker allows this worker.</summary>
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Unacknowledged deliveries the broker allows this worker (<c>basic.qos</c>); default (0) <see cref="Parallel"/>.
    /// More hides the broker's round trip between one job's ack and the next delivery (docs/scale-out.md) at the
    /// cost of jobs that wait in this worker while others are idle, and are redelivered if it dies.
    /// </summary>
    public int Prefetch { get; set; }

    /// <summary>The prefetch in use.</summary>
    public int EffectivePrefetch => Prefetch > 0 ? Prefetch : Parallel;

    /// <summary>Seconds between reconnection attempts.</summary>
    public int RetrySeconds { get; set; } = 2;

    /// <summary>On SIGTERM, seconds the jobs in hand get to finish (<c>Formats:Worker:DrainSeconds</c>, shared with the folder worker).</summary>
    public double DrainSeconds { get; set; } = 20;

    /// <summary>
    /// Absolute folders jobs may read from and write to (<c>--allow DIR</c>, repeatable, replaces these). Required:
    /// whoever can publish to the queue chooses the paths, so without roots a worker would read and overwrite whatever
    /// its user may (docs/scale-out.md, "Who may publish").
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];

    public QueueTopology Topology => new(Name, DeliveryLimit);
}
