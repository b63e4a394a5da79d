namespace Formats.Hosting;

/// <summary>How a failed job ends: the one outcome policy of every worker.</summary>
public enum JobFailureKind
{
    /// <summary>The input is malformed or unsupported, or the job asks for the impossible: no retry can help, fail at once.</summary>
    BadInput,

    /// <summary>The file system, not the input: a path not there yet, a share not mounted, a full disk. Worth retrying.</summary>
    Transient,

    /// <summary>Cancelled (shutdown): nothing was committed; the job is handed back, not failed.</summary>
    Cancelled,
}

/// <summary>
/// Sorts failures (<see cref="Classify"/>) and says them in one line (<see cref="Describe"/>). The text names no
/// command-line flag and no configuration key: an application adds its own hints where it prints.
/// </summary>
public static class JobFailure
{
    /// <summary>
    /// Whether <paramref name="e"/>, thrown running <paramref name="job"/>, is the input's fault. The engine reports a
    /// missing input as its own "no such file", so reachability is checked here: a path that cannot be reached (not
    /// there yet, a share not mounted, permissions) and an I/O error the engine wrapped (disk full) are transient; in an
    /// object store (<c>s3://</c>), a missing object, a refused access or an unreachable store are transient.
    /// </summary>
    public static JobFailureKind Classify(Exception e, ConversionJob job)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(job);
        return e switch
        {
            OperationCanceledException => JobFailureKind.Cancelled,
            ArrayFormatException f when f.InnerException is not IOException and not UnauthorizedAccessException && Reachable(job, f) => JobFailureKind.BadInput,
            ArgumentException => JobFailureKind.BadInput,
            _ => JobFailureKind.Transient,
        };
    }

    /// <summary>The one-line reason for <paramref name="e"/>: the library's own messages name the file already.</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e switch
        {
            ArrayFormatException => e.Message,
            OperationCanceledException => "cancelled",
            AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
            Microsoft.Extensions.Options.OptionsValidationException o => "invalid configuration: " + string.Join("; ", o.Failures),
            UnauthorizedAccessException or IOException => e.Message,
            InvalidOperationException or ArgumentException or NotSupportedException => e.Message,
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        return text.ReplaceLineEndings(" ");
    }

    // In an object store the storage says itself when an object or its store cannot be reached (missing, access denied,
    // unreachable, changed while read): any other failure is the input's.
    private static bool Reachable(ConversionJob job, ArrayFormatException e) =>
        RemoteLocation.Is(job.Input) || RemoteLocation.Is(job.Output) ? e is not ArrayFileAccessException : Reachable(job);

    // A directory store (x.zarr) is an input as a file is.
    private static bool Reachable(ConversionJob job) =>
        (File.Exists(job.Input) || Directory.Exists(job.Input)) && Path.GetDirectoryName(Path.GetFullPath(job.Output)) is { } folder && Directory.Exists(folder);
}
