using System.CommandLine;
using System.Text.Json;
using Formats.Host.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats info PATH [--json]</c>: what a file holds, from its headers.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "The file to describe" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var read = new ReadOptionSet();
        var command = new Command("info", "Describe the arrays in a file without reading their data") { path, json };
        foreach (var o in read.Layout)
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var file = parse.GetValue(path)!;
            var info = files.Inspect(file, read.ToRequest(parse, withMember: false, withRows: false, input: file));
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(ToJson(info));
            }
            else
            {
                await context.Output.WriteLineAsync($"{info.Path}: {info.Format.Name}, {info.Entries.Count} array(s)");
                foreach (var e in info.Entries)
                {
                    var h = e.Header;
                    await context.Output.WriteLineAsync(
                        $"  {NameOf(info, e)}: dtype {h.DType}, shape {h.Shape}, order {(h.FortranOrder ? "F" : "C")}, {h.ByteLength} bytes"
                        + (e.Version is null ? "" : $", version {e.Version}") + (e.Compressed ? ", compressed" : "")
                        + (e.Data is { } data ? $", mappable at offset {data.Offset}" : ""));
                }
            }

            // The readable members are listed above; each unreadable one is named here with its reason.
            foreach (var failure in info.Failures)
            {
                await context.Error.WriteLineAsync("error: " + ErrorText.Describe(failure.Error));
            }

            return info.Failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    // A single-array file's array is named after the file; an archive member keeps its own name, even '' (np.savez
    // of **{'': a} makes member '.npy', which np.load lists as '').
    private static string NameOf(ArrayFileInfo info, ArrayEntry entry) =>
        entry.Name.Length > 0 || info.Format.Capabilities.HasFlag(FormatCapabilities.MultiArray) ? entry.Name : Path.GetFileNameWithoutExtension(info.Path);

    private static string ToJson(ArrayFileInfo info)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("path", info.Path);
            json.WriteString("format", info.Format.Name);
            json.WriteBoolean("compressed", info.Entries.Any(e => e.Compressed));
            json.WriteStartArray("arrays");
            foreach (var e in info.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", NameOf(info, e));
                json.WritePropertyName("dtype");
                DescrJson.Write(json, e.Header.DType);
                json.WritePropertyName("shape");
                DescrJson.WriteShape(json, e.Header.Shape.Dimensions);
                json.WriteBoolean("fortran_order", e.Header.FortranOrder);
                json.WriteNumber("nbytes", e.Header.ByteLength);
                if (e.Version is null)
                {
                    json.WriteNull("version");
                }
                else
                {
                    json.WriteString("version", e.Version);
                }

                json.WriteBoolean("compressed", e.Compressed);

                // Data that lies contiguous and uncompressed in the file (ArrayEntry.Data) can be mapped.
                json.WriteBoolean("mappable", e.Data is not null);
                if (e.Data is { } data)
                {
                    json.WriteNumber("data_offset", data.Offset);
                }
                else
                {
                    json.WriteNull("data_offset");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var failure in info.Failures)
            {
                json.WriteStartObject();
                json.WriteString("name", failure.Name);
                json.WriteString("error", failure.Error.Problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
