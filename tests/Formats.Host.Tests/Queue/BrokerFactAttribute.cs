namespace Formats.Host.Tests.Queue;

/// <summary>A test against the real broker: skipped when none answers, except in CI, where it runs and fails.</summary>
public sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute()
    {
        if (Broker.Unreachable is { } problem && !Broker.InCi)
        {
            Skip = $"no RabbitMQ broker at {Broker.Url} ({problem}); start one (rabbitmq-server -detached) or set FORMATS_TEST_AMQP";
        }
    }
}
