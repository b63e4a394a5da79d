using System.CommandLine;
using System.Globalization;
using Formats.Host.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats advise FILE... [--json]</c>: each array's narrowest exact dtype, the sizes of the archive holding it in
/// its own and in that dtype, stored and compressed, and the command that writes the smallest. Each size is the exact
/// size of the file that command writes: the same plan, run into a sink that only counts.
/// </summary>
internal static class AdviseCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE") { Description = "The files to examine", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON (the default when output is not a terminal)" };
        var read = new ReadOptionSet();
        var command = new Command("advise",
            "Find the narrowest dtype that holds every value of each array exactly, and the smallest file: sizes of an .npz stored and compressed (as convert --compress writes it), in the current and the advised dtype")
        { paths, json };
        PathList.RefuseUnknownOptions(command, paths);
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var request = read.ToRequest(parse, withMember: false, withRows: false);
            var layout = LayoutArguments(parse, read);
            var rows = new List<AdviceRow>();
            foreach (var path in parse.GetValue(paths)!)
            {
                foreach (var advice in await files.AdviseAsync(path, request, cancellationToken))
                {
                    rows.Add(await MeasureAsync(files, path, request, layout, advice, cancellationToken));
                }
            }

            if (context.WantsJson(parse.GetValue(json)))
            {
                await context.Output.WriteLineAsync(AdviceOutput.Json(rows));
            }
            else
            {
                AdviceOutput.Table(rows, context.Output);
            }

            return 0;
        });
        return command;
    }

    // Up to four writes (own and advised dtype, stored and compressed), each planned exactly as 'formats convert' plans it.
    private static async Task<AdviceRow> MeasureAsync(ArrayFiles files, string path, ReadRequest request, IReadOnlyList<string> layout, DTypeAdvice advice,
        CancellationToken cancellationToken)
    {
        var member = advice.Name.Length == 0 ? null : advice.Name;
        var output = Sibling(path, Path.GetFileNameWithoutExtension(path) + (member is null ? "" : "." + member) + ".small.npz");
        var cast = advice.Narrowest is { } d && d != advice.Header.DType ? d : null;
        var options = new List<AdviceOption>();
        foreach (var target in cast is null ? [null] : new[] { null, cast })
        {
            foreach (var compress in new[] { false, true })
            {
                var write = new WriteRequest { Compress = compress, MemberName = member, Cast = target is null ? null : new CastRequest(target) };
                var plan = files.PlanConversion(path, output, request with { Member = member }, write);
                var size = await files.MeasureAsync(plan, cancellationToken);
                var words = new List<string> { "formats", "convert", path, output };
                words.AddRange(member is null ? [] : ["--name", member]);
                words.AddRange(layout);
                words.AddRange(target is null ? [] : ["--cast", AdviceOutput.Short(target)]);
                words.AddRange(compress ? ["--compress"] : []);
                options.Add(new AdviceOption(target ?? advice.Header.DType, compress, size, string.Join(' ', words.Select(Quote))));
            }
        }

        return new AdviceRow(path, advice, options);
    }

    // The options that said how to read the input say it again in the suggested command.
    private static List<string> LayoutArguments(ParseResult parse, ReadOptionSet read)
    {
        var words = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                words.AddRange([name, value]);
            }
        }

        Add("--from", parse.GetValue(read.From));
        Add("--dtype", parse.GetValue(read.DType) is { } dtype ? AdviceOutput.Short(dtype) : null);
        Add("--shape", parse.GetValue(read.Shape) is { } shape ? shape.ToString() : null);
        Add("--offset", parse.GetValue(read.Offset)?.ToString(CultureInfo.InvariantCulture));
        Add("--order", parse.GetValue(read.Order) is { } order ? (order == ArrayOrder.Fortran ? "F" : "C") : null);
        Add("--max-header-size", parse.GetValue(read.MaxHeaderSize)?.ToString(CultureInfo.InvariantCulture));
        return words;
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or ':' or '=')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // The suggested output beside the input: in the same folder, or under the same prefix of a store (where the
    // file system's path functions would fold "s3://" into "s3:/").
    private static string Sibling(string path, string name) =>
        RemoteLocation.Is(path) ? path[..(path.LastIndexOf('/') + 1)] + name : Path.Combine(Path.GetDirectoryName(path) ?? "", name);
}
