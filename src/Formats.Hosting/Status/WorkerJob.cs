namespace Formats.Hosting;

/// <summary>
/// One job in a worker's hands (<see cref="WorkerActivity.Begin"/>); as the conversion's progress sink it keeps the
/// bytes copied so far.
/// </summary>
public sealed class WorkerJob : IProgress<ArrayProgress>
{
    private long bytesDone;
    private long bytesTotal;

    internal WorkerJob(string input, DateTimeOffset started, long timestamp)
    {
        Input = input;
        Started = started;
        Timestamp = timestamp;
    }

    /// <summary>The input file.</summary>
    public string Input { get; }

    /// <summary>Array data bytes to copy, once the conversion has counted them (0 until then).</summary>
    public long BytesTotal => Interlocked.Read(ref bytesTotal);

    /// <summary>When the job began.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>Array data bytes copied so far.</summary>
    public long BytesDone => Interlocked.Read(ref bytesDone);

    internal long Timestamp { get; }

    /// <inheritdoc />
    public void Report(ArrayProgress value)
    {
        Interlocked.Exchange(ref bytesDone, value.BytesDone);
        Interlocked.Exchange(ref bytesTotal, value.BytesTotal);
    }
}
