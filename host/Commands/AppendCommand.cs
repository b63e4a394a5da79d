using System.CommandLine;
using Formats.Host.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats append TARGET.npy SOURCE</c>: rows of SOURCE added to TARGET along axis 0.</summary>
internal static class AppendCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("TARGET") { Description = "The C-order .npy file to grow" };
        var source = new Argument<string>("SOURCE") { Description = "The file whose rows are appended" };
        var read = new ReadOptionSet();
        var command = new Command("append", "Append the rows of SOURCE to TARGET along axis 0, in place when NumPy's header reserve allows")
        {
            target, source, read.Name, read.Rows,
        };
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var into = parse.GetValue(target)!;
            var from = parse.GetValue(source)!;
            await ProgressDisplay.RunAsync($"{Path.GetFileName(from)} >> {Path.GetFileName(into)}", async progress =>
            {
                await files.AppendAsync(into, from, read.ToRequest(parse, input: from), progress, cancellationToken);
                return 0;
            });
            var info = files.Inspect(into);
            await context.Error.WriteLineAsync($"{into}: shape now {info.Entries[0].Header.Shape}");
            return 0;
        });
        return command;
    }
}
