using System.CommandLine;
using System.Text.Json;
using Formats.Host.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats info PATH... [--json]</c>: what each file holds, from its headers; a file that fails is reported and the
/// others are still described, as <c>verify</c> does.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "The files to describe", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file, one per line" };
        var read = new ReadOptionSet();
        var command = new Command("info", "Describe the arrays in each file without reading their data; exit 1 if any failed") { paths, json };
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
                    info = files.Inspect(file, read.ToRequest(parse, withMember: false, withRows: false, input: file));
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
            await output.WriteLineAsync(ToJson(info));
            return;
        }

        await output.WriteLineAsync($"{info.Path}: {info.Format.Name}, {info.Entries.Count} array(s)");
        foreach (var e in info.Entries)
        {
            var h = e.Header;
            await output.WriteLineAsync(
                $"  {NameOf(info, e)}: dtype {h.DType}, shape {h.Shape}, order {(h.FortranOrder ? "F" : "C")}, {h.ByteLength} bytes"
                + (e.Version is null ? "" : $", version {e.Version}") + (e.Compressed ? ", compressed" : "")
                + (e.Data is { } data ? $", mappable at offset {data.Offset}" : "")
                + (e.SavedPercent is { } saved ? $", stored {e.StoredLength} of {e.UnpackedLength} bytes ({Percent(saved)})" : ""));
        }
    }

    // zipinfo's way: one decimal and a percent sign.
    private static string Percent(double saved) => saved.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static string FailureJson(string path, Exception e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteString("error", e is ArrayFormatException f ? f.Problem : e.Message);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // A single-array file's array is named after the file; an archive member keeps its own name, even '' (np.savez
    // of **{'': a} makes member '.npy', which np.load lists as '').
    private static string NameOf(ArrayFileInfo info, ArrayEntry entry) =>
        entry.Name.Length > 0 || info.Format is IMultiArrayFormat ? entry.Name : Path.GetFileNameWithoutExtension(info.Path);

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

                // zipinfo's sizes: the bytes the entry takes in the file and, for an archive member, unpacked.
                WriteNumberOrNull(json, "stored_bytes", e.StoredLength);
                WriteNumberOrNull(json, "unpacked_bytes", e.UnpackedLength);
                if (e.SavedPercent is { } saved)
                {
                    json.WriteNumber("saved_percent", saved);
                }
                else
                {
                    json.WriteNull("saved_percent");
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

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
