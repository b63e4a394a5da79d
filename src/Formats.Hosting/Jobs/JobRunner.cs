using System.Threading.Channels;

namespace Formats.Hosting;

/// <summary>
/// Runs work items on threads of its own, <see cref="Parallel"/> at a time, each synchronously from start to end: a
/// small file converts in well under a millisecond, where handing every read and write to the thread pool costs more
/// than the work (on Unix, file I/O has no asynchronous path). <see cref="EnqueueAsync{T}"/> waits while
/// <see cref="Parallel"/> items are already waiting, so a producer never runs far ahead of the converters. The
/// folder worker, the queue worker and <c>formats convert --outdir</c> all convert on one.
/// </summary>
public sealed class JobRunner : IAsyncDisposable
{
    private readonly Channel<Action> pending;
    private readonly Task[] threads;

    /// <summary>Starts <paramref name="parallel"/> threads named <paramref name="name"/>.</summary>
    /// <param name="parallel">Items run at once, 1 or more.</param>
    /// <param name="name">The threads' name (seen in debuggers and dumps).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parallel"/> is less than 1.</exception>
    public JobRunner(int parallel, string name = "formats job")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        Parallel = parallel;
        pending = Channel.CreateBounded<Action>(new BoundedChannelOptions(parallel) { FullMode = BoundedChannelFullMode.Wait });
        threads = [.. Enumerable.Range(0, parallel).Select(i => Start($"{name} {i}"))];
    }

    /// <summary>Items run at once.</summary>
    public int Parallel { get; }

    /// <summary>
    /// Queues <paramref name="work"/>, waiting while the queue is full; the returned task ends with its result once it
    /// has run on one of the runner's threads (faulted with what it threw).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the wait; the work was not queued.</exception>
    /// <exception cref="InvalidOperationException">The runner was completed.</exception>
    public async ValueTask<Task<T>> EnqueueAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try
            {
                done.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                done.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }

        try
        {
            await pending.Writer.WriteAsync(Run, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException("the job runner takes no more work", e);
        }

        return done.Task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each of <paramref name="items"/>, in order of taking, until all have run or
    /// <paramref name="cancellationToken"/> ends the taking (items in flight finish or honour the token themselves).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled before every item was taken.</exception>
    /// <exception cref="Exception">The first exception <paramref name="work"/> let out, after every taken item has run.</exception>
    public static async Task ForEachAsync<TItem>(IEnumerable<TItem> items, int parallel, Action<TItem> work, CancellationToken cancellationToken, string name = "formats job")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        var runs = new List<Task<bool>>();
        var runner = new JobRunner(parallel, name);
        await using (runner.ConfigureAwait(false))
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                runs.Add(await runner.EnqueueAsync(() =>
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        work(item);
                    }

                    return true;
                }, cancellationToken).ConfigureAwait(false));
            }
        }

        await Task.WhenAll(runs).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Takes no more work; ends when every queued item has run and the threads have ended.</summary>
    public Task CompleteAsync()
    {
        pending.Writer.TryComplete();
        return Task.WhenAll(threads);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);

    private Task Start(string name)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            // Every item catches its own exceptions: only the channel's end ends a thread.
            var reader = pending.Reader;
            while (reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    item();
                }
            }

            finished.SetResult();
        })
        {
            IsBackground = true,
            Name = name,
        }.Start();
        return finished.Task;
    }
}
