using Spectre.Console;

namespace Formats.Host.Output;

/// <summary>Shows a progress bar on standard error when it is a terminal; runs silently otherwise.</summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<ArrayProgress>?, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask(title.EscapeMarkup());
            var progress = new SynchronousProgress(p =>
            {
                task.MaxValue = Math.Max(1, p.BytesTotal);
                task.Value = p.BytesDone;
            });
            var result = await work(progress);
            task.Value = task.MaxValue;
            return result;
        });
    }

    private sealed class SynchronousProgress(Action<ArrayProgress> report) : IProgress<ArrayProgress>
    {
        public void Report(ArrayProgress value) => report(value);
    }
}
