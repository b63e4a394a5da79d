using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

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
            var results = new List<Result>();
            foreach (var path in parse.GetValue(paths)!)
            {
                var result = Verify(files, path, request, cancellationToken);
                results.Add(result);
                if (!parse.GetValue(json))
                {
                    await context.Output.WriteLineAsync(result.Error is null
                        ? $"{path}: ok ({result.Arrays} array(s), {result.Bytes} data bytes)"
                        : $"{path}: FAILED: {result.Error}");
                }
            }

            var failed = results.Count(r => r.Error is not null);
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

    private sealed record Result(string Path, int Arrays, long Bytes, string? Error);

    private static Result Verify(ArrayFiles files, string path, ReadRequest request, CancellationToken cancellationToken)
    {
        var arrays = 0;
        var bytes = 0L;
        try
        {
            using var file = files.Open(path, request);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                foreach (var name in file.Names)
                {
                    var entry = file.Describe(name);

                    // A whole read: the data stream checks lengths, and an archive member's CRC-32 at its end.
                    using (var data = file.OpenData(name))
                    {
                        int n;
                        while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            bytes += n;
                        }
                    }

                    if (file.Format.Name == "npy" && entry.Data is { } range && new FileInfo(path).Length is var length && length > range.End)
                    {
                        return new Result(path, arrays, bytes,
                            $"{length - range.End} byte(s) after the data (np.load ignores them, np.save never writes them)");
                    }

                    arrays++;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return new Result(path, arrays, bytes, null);
        }
        catch (ArrayFormatException e)
        {
            return new Result(path, arrays, bytes, e.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Result(path, arrays, bytes, ErrorText.Describe(e));
        }
    }

    private static string ToJson(List<Result> results, int failed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("path", r.Path);
                json.WriteBoolean("ok", r.Error is null);
                json.WriteNumber("arrays", r.Arrays);
                json.WriteNumber("data_bytes", r.Bytes);
                if (r.Error is null)
                {
                    json.WriteNull("error");
                }
                else
                {
                    json.WriteString("error", r.Error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("ok", results.Count - failed);
            json.WriteNumber("failed", failed);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
