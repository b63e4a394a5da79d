using Formats.Host.Diagnostics;

namespace Formats.Host.Worker;

/// <summary>
/// <c>formats worker --listen URL</c> in the native (AOT) program, which leaves out ASP.NET Core: a run with
/// <c>--listen</c> is handed, arguments unchanged, to the JIT build in <c>jit/</c>. Compiled instead of WorkerListen.cs
/// when PublishAot is set.
/// </summary>
internal static class WorkerListen
{
    /// <summary>Runs <paramref name="run"/> here when nothing is to be served, else the whole command in the JIT build.</summary>
    public static Task<int> RunAsync(string? listen, IServiceProvider workers, Func<Task<int>> run, TextWriter error, CancellationToken cancellationToken) =>
        listen is null ? run() : JitCompanion.RunAsync(Environment.GetCommandLineArgs()[1..], error);
}
