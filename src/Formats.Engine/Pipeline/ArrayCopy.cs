namespace Formats.Pipeline;

/// <summary>The one copy loop: chunks from a source into an array's write stream, with progress and cancellation.</summary>
internal static class ArrayCopy
{
    /// <summary>Copies every chunk of <paramref name="source"/> into <paramref name="sink"/>; returns the bytes done so far overall.</summary>
    public static async ValueTask<long> RunAsync(ChunkSource source, ArrayWriteStream sink, string member, long done, long total,
        IProgress<ArrayProgress>? progress, bool useAsync, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = await source.NextAsync(useAsync, cancellationToken);
            if (chunk.IsEmpty)
            {
                return done;
            }

            if (useAsync)
            {
                await sink.WriteAsync(chunk, cancellationToken);
            }
            else
            {
                sink.Write(chunk.Span);
            }

            done += chunk.Length;
            progress?.Report(new ArrayProgress(member, done, total));
        }
    }

    /// <summary>Finishes an array's data, asynchronously when asked.</summary>
    public static ValueTask CompleteAsync(ArrayWriteStream sink, bool useAsync, CancellationToken cancellationToken)
    {
        if (useAsync)
        {
            return sink.CompleteAsync(cancellationToken);
        }

        sink.Complete();
        return ValueTask.CompletedTask;
    }
}
