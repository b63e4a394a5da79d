using System.CommandLine;
using Formats.Host.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats stats FILE... [--name M] [--columns ...] [--json]</c>: count, NaN count, min, max, mean and std of each
/// array, or of each column along axis 1, in one streaming pass (<see cref="ArrayFiles.StatsAsync(string, ReadRequest?, StatsRequest?, CancellationToken)"/>).
/// </summary>
internal static class StatsCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE") { Description = "The files to summarise", Arity = ArgumentArity.OneOrMore };
        var columns = ParsedOption.Create<StatsRequest?>("--columns", StatsRequest.ForColumns,
            "Statistics per column along axis 1 of a 2-D or deeper array: indices and START:STOP ranges (0,2:5,-1), or all",
            "INDICES|all");
        var json = new Option<bool>("--json") { Description = "Print JSON (the default when output is not a terminal)" };
        var read = new ReadOptionSet();
        var command = new Command("stats",
            "Count, NaN count, min, max, mean and std (population, as np.std) of each array, or of each column with --columns, "
            + "as np.nanmin, np.nanmax, np.nanmean and np.nanstd give them in float64; every member of an archive unless --name is given")
        { paths, read.Name, columns, json };
        PathList.RefuseUnknownOptions(command, paths);
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var stats = parse.GetValue(columns) ?? StatsRequest.Default;
            var rows = new List<StatsRow>();
            foreach (var path in parse.GetValue(paths)!)
            {
                var request = read.ToRequest(parse, withRows: false, input: path);
                foreach (var array in await files.StatsAsync(path, request, stats, cancellationToken))
                {
                    rows.Add(new StatsRow(path, array));
                }
            }

            if (context.WantsJson(parse.GetValue(json)))
            {
                await context.Output.WriteLineAsync(StatsOutput.Json(rows));
            }
            else
            {
                StatsOutput.Table(rows, context.Output);
            }

            return 0;
        });
        return command;
    }
}
