using System.CommandLine;
using Formats.Printing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats show FILE [--name M] [--rows A:B] [--columns ...]</c>: the values, printed as NumPy's <c>repr</c> prints them.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("FILE") { Description = "The file to print" };
        var columns = ParsedOption.Create<ArrayColumns?>("--columns", ArrayColumns.Parse,
            "Only these columns: field names of a structured array (x,y: printed as NumPy's repack_fields(a[['x', 'y']])), or indices and START:STOP ranges along axis 1 of a 2-D or deeper array (0,2:5,-1: a[:, [0, 2, 3, 4, -1]])",
            "NAMES|INDICES");
        var read = new ReadOptionSet();
        var command = new Command("show",
            "Print an array's values as NumPy's repr does (threshold 1000, edge items 3, line width 75, precision 8): "
            + "an array of more than 1000 items is summarised with '...', and only the rows printed are read")
        {
            path, read.Name, read.Rows, columns,
        };
        foreach (var o in read.Layout)
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var text = ArrayRepr.FormatFile(files, parse.GetValue(path)!, read.ToRequest(parse, input: parse.GetValue(path)), parse.GetValue(columns), cancellationToken);
            await context.Output.WriteLineAsync(text);
            return 0;
        });
        return command;
    }
}
