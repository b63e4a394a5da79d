using System.CommandLine;
using Formats.Printing;
using Microsoft.Extensions.DependencyInjection;
using Formats.Host.Output;

namespace Formats.Host.Commands;

/// <summary><c>formats info PATH... [--json]</c>: what each file holds, from its headers; a file that fails is reported and the
/// others are still described, as <c>verify</c> does.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "The files to describe", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file, one per line" };
        var headers = new Option<bool>("--headers")
        {
            Description = "Read every archive member's header also for s3:// archives (one request each), which are otherwise listed from their central directory alone",
        };
        var read = new ReadOptionSet();
        var command = new Command("info", "Describe the arrays in each file without reading their data; exit 1 if any failed") { paths, json, headers };
        PathList.RefuseUnknownOptions(command, paths);
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var failed = false;
            foreach (var file in parse.GetValue(paths)!)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ArrayFileInfo info;
                try
                {
                    // An archive's member headers lie in each member's data: locally they cost a seek each, in object
                    // storage a request each, so a remote archive is listed from its directory unless --headers asks.
                    var request = read.ToRequest(parse, withMember: false, withRows: false, input: file) with
                    {
                        IndexOnly = !parse.GetValue(headers) && RemoteLocation.Is(file),
                    };
                    info = files.Inspect(file, request);
                }
                catch (Exception e) when (e is ArrayFormatException or IOException or UnauthorizedAccessException)
                {
                    // One unreadable file does not hide the others.
                    failed = true;
                    await context.Error.WriteLineAsync("error: " + ErrorText.Describe(e));
                    if (parse.GetValue(json))
                    {
                        await context.Output.WriteLineAsync(FailureJson(file, e));
                    }

                    continue;
                }

                await WriteAsync(context.Output, info, parse.GetValue(json));

                // The readable members are listed above; each unreadable one is named here with its reason.
                foreach (var failure in info.Failures)
                {
                    failed = true;
                    await context.Error.WriteLineAsync("error: " + ErrorText.Describe(failure.Error));
                }
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ArrayFileInfo info, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(FileInfoJson.Format(info));
            return;
        }

        await output.WriteLineAsync($"{info.Path}: {info.Format.Name}, {info.Entries.Count + info.Listed.Count} array(s)");
        foreach (var e in info.Entries)
        {
            var h = e.Header;
            await output.WriteLineAsync(
                $"  {info.NameOf(e)}: dtype {h.DType}, shape {h.Shape}, order {(h.FortranOrder ? "F" : "C")}, {h.ByteLength} bytes"
                + (e.Version is null ? "" : $", version {e.Version}") + (e.Compressed ? ", compressed" : "") + (e.Layout is null ? "" : $", {e.Layout}")
                + (e.Data is { } data ? $", mappable at offset {data.Offset}" : "")
                + (e.SavedPercent is { } saved ? $", stored {e.StoredLength} of {e.UnpackedLength} bytes ({Percent(saved)})" : ""));
        }

        foreach (var m in info.Listed)
        {
            await output.WriteLineAsync(
                $"  {m.Name}: header not read (--headers reads it)" + (m.Compressed ? ", compressed" : "")
                + (m.SavedPercent is { } saved ? $", stored {m.StoredLength} of {m.UnpackedLength} bytes ({Percent(saved)})" : ""));
        }
    }

    // zipinfo's way: one decimal and a percent sign.
    private static string Percent(double saved) => saved.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static string FailureJson(string path, Exception e)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteString("error", e is ArrayFormatException f ? f.Problem : e.Message);
            json.WriteEndObject();
        });
    }
}
