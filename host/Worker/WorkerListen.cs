namespace Formats.Host.Worker;

/// <summary>
/// <c>formats worker --listen URL</c>: the worker's own <c>/metrics</c> and <c>/healthz</c>, served while it runs. The
/// native program has no ASP.NET Core and hands such a run to its JIT build (WorkerListen.Native.cs).
/// </summary>
internal static class WorkerListen
{
    /// <summary>Runs <paramref name="run"/>, serving the endpoints of the workers in <paramref name="workers"/> on <paramref name="listen"/> (when given) meanwhile.</summary>
    public static async Task<int> RunAsync(string? listen, IServiceProvider workers, Func<Task<int>> run, TextWriter error, CancellationToken cancellationToken)
    {
        if (listen is null)
        {
            return await run();
        }

        // Started before the workers, so the meter listener sees every measurement they take.
        var app = await WebEndpoints.StartWorkerEndpointsAsync(listen, workers, cancellationToken);
        await using (app)
        {
            try
            {
                return await run();
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }
    }
}
