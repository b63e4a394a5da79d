using Formats.Hosting.RabbitMQ;

namespace Formats.Hosting.Status;

/// <summary>Settings of the <see cref="FleetMonitor"/>: which queue's fleet to watch, and when a worker counts as lost.</summary>
public sealed class FleetStatusOptions
{
    /// <summary>The broker: <c>amqp://[USER:PASSWORD@]HOST[:PORT]/VHOST</c>. Required.</summary>
    public string? Broker { get; set; }

    /// <summary>The jobs queue the workers serve (its <c>.dead</c>, <c>.results</c> and <c>.status</c> go with it).</summary>
    public string Queue { get; set; } = QueueTopology.DefaultName;

    /// <summary>Heartbeats a worker may miss before it is shown as lost (each worker announces its own interval).</summary>
    public int LostAfterBeats { get; set; } = 3;

    /// <summary>Seconds between two reads of the queue's depth and consumers from the broker.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>Dead-lettered jobs the page lists (the newest); the broker's count covers all.</summary>
    public int DeadLettersShown { get; set; } = 50;

    /// <summary>Seconds a lost or stopped worker stays listed before it is forgotten.</summary>
    public double ForgetAfterSeconds { get; set; } = 3600;

    /// <summary>Seconds of history behind the rates and the chart.</summary>
    public double HistorySeconds { get; set; } = 600;
}
