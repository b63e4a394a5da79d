namespace Formats.Compression.Inflate;

/// <summary>Work in flight that a reader gives up on (a fallback or a dispose): each result released, each failure ignored.</summary>
internal static class AbandonedWork
{
    /// <summary>Waits for every task of <paramref name="inFlight"/> (already cancelled) and releases what it produced.</summary>
    public static void Drain<T>(Queue<Task<T>> inFlight, Action<T> release)
    {
        while (inFlight.Count > 0)
        {
            var task = inFlight.Dequeue();
            try
            {
                release(task.GetAwaiter().GetResult());
            }
#pragma warning disable CA1031 // The work is abandoned: a worker's failure (or cancellation) no longer matters.
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }
}
