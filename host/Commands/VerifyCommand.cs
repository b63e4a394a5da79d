using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Formats.Host.Output;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats verify FILE... [--json]</c>: reads every array of every file in full, so that the readers check all the
/// format lets them (NPY header and data length; each archive member's directory and local header, sizes, NPY header
/// and CRC-32), and also refuses NPY files with bytes after the data, which np.load ignores but np.save never writes.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("FILE") { Description = "The files to check", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of one line per file" };
        var read = new ReadOptionSet();
        var command = new Command("verify",
            "Read every array of each file in full and check all the format lets us check: NPY header and data length (and no bytes "
            + "after the data), each archive member's CRC-32, sizes, local header and NPY header. One line per file, then a summary; exit 1 if any failed")
        {
            paths, json,
        };
        PathList.RefuseUnknownOptions(command, paths);
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var request = read.ToRequest(parse, withMember: false, withRows: false);
            var results = new List<ArrayVerification>();
            foreach (var path in parse.GetValue(paths)!)
            {
                var result = files.Verify(path, request, cancellationToken);
                results.Add(result);
                if (!parse.GetValue(json))
                {
                    await context.Output.WriteLineAsync(result.Ok
                        ? $"{path}: ok ({result.Arrays} array(s), {result.DataBytes} data bytes)"
                        : $"{path}: FAILED: {ErrorOf(result)}");
                }
            }

            var failed = results.Count(r => !r.Ok);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(ToJson(results, failed));
            }
            else
            {
                await context.Output.WriteLineAsync($"{results.Count} file(s) verified: {results.Count - failed} ok, {failed} failed");
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    // The problem alone: the line starts with the path already.
    private static string? ErrorOf(ArrayVerification result) => result.Error switch
    {
        null => null,
        ArrayFormatException f => f.Problem,
        var e => ErrorText.Describe(e),
    };

    private static string ToJson(List<ArrayVerification> results, int failed)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("path", r.Path);
                json.WriteBoolean("ok", r.Ok);
                json.WriteNumber("arrays", r.Arrays);
                json.WriteNumber("data_bytes", r.DataBytes);
                if (ErrorOf(r) is { } error)
                {
                    json.WriteString("error", error);
                }
                else
                {
                    json.WriteNull("error");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("ok", results.Count - failed);
            json.WriteNumber("failed", failed);
            json.WriteEndObject();
        });
    }
}
