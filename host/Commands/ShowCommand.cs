using System.CommandLine;
using Formats.Printing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats show FILE [--name M] [--rows A:B] [--columns ...] [--json]</c>: the values, printed as NumPy's <c>repr</c>
/// prints them (or as JSON); every member of an archive, each under its name, unless <c>--name</c> picks one.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("FILE") { Description = "The file to print" };
        var columns = ParsedOption.Create<ArrayColumns?>("--columns", ArrayColumns.Parse,
            "Only these columns: field names of a structured array (x,y: printed as NumPy's repack_fields(a[['x', 'y']])), or indices and START:STOP ranges along axis 1 of a 2-D or deeper array (0,2:5,-1: a[:, [0, 2, 3, 4, -1]])",
            "NAMES|INDICES");
        var json = new Option<bool>("--json")
        {
            Description = "Print the values as JSON (nested lists as json.dumps(a.tolist()), NaN and infinities as \"NaN\", \"Infinity\", \"-Infinity\"); an archive's members as one object by name",
        };
        var read = new ReadOptionSet();
        var command = new Command("show",
            "Print an array's values as NumPy's repr does (threshold 1000, edge items 3, line width 75, precision 8): "
            + "an array of more than 1000 items is summarised with '...', and only the rows printed are read")
        {
            path, read.Name, read.Rows, columns, json,
        };
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var file = parse.GetValue(path)!;
            var request = read.ToRequest(parse, input: file);
            var asJson = parse.GetValue(json);
            if (asJson && parse.GetValue(columns) is not null)
            {
                await context.Error.WriteLineAsync("error: --columns does not apply with --json");
                return 2;
            }

            string Format(ReadRequest r) => asJson
                ? ArrayJson.FormatFile(files, file, r)
                : ArrayRepr.FormatFile(files, file, r, parse.GetValue(columns), cancellationToken);

            // An archive of several members without --name: each of them, under its name.
            var info = request.Member is null ? files.Inspect(file, request with { RowStart = null, RowStop = null }) : null;
            if (info is null || info.Format is not IMultiArrayFormat || info.Entries.Count + info.Failures.Count <= 1)
            {
                await context.Output.WriteLineAsync(Format(request));
                return 0;
            }

            var members = new List<string>();
            foreach (var entry in info.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = Format(request with { Member = entry.Name });
                members.Add(asJson ? $"{Quote(entry.Name)}:{text}" : $"{entry.Name}:\n{text}");
            }

            await context.Output.WriteLineAsync(asJson ? "{" + string.Join(',', members) + "}" : string.Join("\n\n", members));
            foreach (var failure in info.Failures)
            {
                await context.Error.WriteLineAsync("error: " + ErrorText.Describe(failure.Error));
            }

            return info.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static string Quote(string name) =>
        "\"" + System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(name) + "\"";
}
