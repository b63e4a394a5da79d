namespace Formats.Hosting;

/// <summary>One job in a worker's hands, as its heartbeat reports it.</summary>
public sealed class WorkerJobStatus
{
    /// <summary>The input file.</summary>
    public required string Input { get; init; }

    /// <summary>Array data bytes copied so far.</summary>
    public long BytesDone { get; init; }

    /// <summary>Array data bytes to copy, 0 until the conversion has counted them.</summary>
    public long BytesTotal { get; init; }

    /// <summary>Seconds since the job began.</summary>
    public double ElapsedSeconds { get; init; }
}
