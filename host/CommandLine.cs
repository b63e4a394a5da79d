using System.CommandLine;
using Formats.Host.Commands;
using Formats.Host.Diagnostics;

namespace Formats.Host;

/// <summary>The <c>formats</c> command tree and its error handling.</summary>
public static class CommandLine
{
    /// <summary>Runs the program; returns the exit status (0 success, 1 failure, 2 usage error).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        StartupTrace.Mark("main");
        output ??= Console.Out;
        error ??= Console.Error;
        var context = new CliContext(output, error);
        var root = new RootCommand("Formats: read, write and convert NumPy array files (.npy, .npz, raw buffers).");
        root.Options.Add(context.PluginDirectories);
        root.Options.Add(context.EndpointUrl);
        root.Subcommands.Add(PluginsCommand.Create(context));
        root.Subcommands.Add(InfoCommand.Create(context));
        root.Subcommands.Add(ConvertCommand.Create(context));
        root.Subcommands.Add(AppendCommand.Create(context));
        root.Subcommands.Add(AdviseCommand.Create(context));
        root.Subcommands.Add(StatsCommand.Create(context));
        root.Subcommands.Add(PlotCommand.Create(context)); // in the native program, a stand-in handing plot to jit/ (PlotCommand.Native.cs)
        root.Subcommands.Add(SubmitCommand.Create(context));
        root.Subcommands.Add(WorkerCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context)); // in the native program, a stand-in handing status to jit/
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(DiffCommand.Create(context));
        root.Subcommands.Add(EditCommand.Create(context));

        var parsed = root.Parse(args);
        StartupTrace.Mark("parsed");
        if (parsed.Errors.Count > 0)
        {
            // One line, as for every other failure: the first error, with a suggestion for a mistyped word.
            await error.WriteLineAsync($"error: {TypoSuggestion.ErrorLine(parsed)}");
            return 2;
        }

        if (JitCompanion.IsNeeded(context.PluginFolders(parsed)) || JitCompanion.IsStandIn(parsed.CommandResult.Command))
        {
            return await JitCompanion.RunAsync(args, error);
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var status = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, cancel.Token);
            StartupTrace.Mark("done");
            StartupTrace.MarkRuntime();
            return status;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync("error: " + ErrorText.Describe(e));
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
