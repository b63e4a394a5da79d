using Formats.Host.Tests.Queue;

namespace Formats.Host.Tests.Status;

/// <summary>A test against the real broker in a real browser: skipped when either is missing, except in CI, where it runs and fails.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Broker.InCi)
        {
            return;
        }

        if (Broker.Unreachable is { } problem)
        {
            Skip = $"no RabbitMQ broker at {Broker.Url} ({problem})";
        }
        else if (Browser.Missing is { } missing)
        {
            Skip = missing;
        }
    }
}
