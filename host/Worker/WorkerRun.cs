namespace Formats.Host.Worker;

/// <summary>What a worker run came to, read by the command after the host stops to choose the exit status.</summary>
internal sealed class WorkerRun
{
    private long converted;
    private long failed;

    public long Converted => Interlocked.Read(ref converted);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>The error that stopped the worker itself (not one file), or null.</summary>
    public Exception? Fatal { get; set; }

    public void CountConverted() => Interlocked.Increment(ref converted);

    public void CountFailed() => Interlocked.Increment(ref failed);
}
