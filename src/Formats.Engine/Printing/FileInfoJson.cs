using System.Text.Json;

namespace Formats.Printing;

/// <summary>What <see cref="ArrayFiles.Inspect(string, ReadRequest?)"/> found, as the JSON <c>formats info --json</c> prints: a stable machine format.</summary>
public static class FileInfoJson
{
    /// <summary>
    /// <paramref name="info"/> as one line of JSON: <c>path</c>, <c>format</c>, <c>compressed</c> (any member), then per
    /// readable array its <c>name</c> (see <see cref="ArrayFileInfo.NameOf"/>), <c>dtype</c> (see <see cref="DTypeJson"/>),
    /// <c>shape</c>, <c>fortran_order</c>, <c>nbytes</c>, <c>version</c>, <c>compressed</c>, <c>mappable</c> and
    /// <c>data_offset</c>, zipinfo's <c>stored_bytes</c>, <c>unpacked_bytes</c> and <c>saved_percent</c> (null where they do
    /// not apply), under <c>errors</c> each unreadable member's <c>name</c> and <c>error</c>, and under <c>listed</c> each
    /// member listed from the archive's index without its header (<see cref="ReadRequest.IndexOnly"/>): <c>name</c>,
    /// <c>compressed</c>, <c>stored_bytes</c>, <c>unpacked_bytes</c>, <c>saved_percent</c>.
    /// </summary>
    public static string Format(ArrayFileInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return PrintedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("path", info.Path);
            json.WriteString("format", info.Format.Name);
            json.WriteBoolean("compressed", info.Entries.Any(e => e.Compressed) || info.Listed.Any(m => m.Compressed));
            json.WriteStartArray("arrays");
            foreach (var e in info.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", info.NameOf(e));
                json.WritePropertyName("dtype");
                DTypeJson.Write(json, e.Header.DType);
                json.WritePropertyName("shape");
                DTypeJson.WriteShape(json, e.Header.Shape.Dimensions);
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
                if (e.Layout is { } layout)
                {
                    json.WriteString("layout", layout);
                }

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
            json.WriteStartArray("listed");
            foreach (var member in info.Listed)
            {
                json.WriteStartObject();
                json.WriteString("name", member.Name);
                json.WriteBoolean("compressed", member.Compressed);
                WriteNumberOrNull(json, "stored_bytes", member.StoredLength);
                WriteNumberOrNull(json, "unpacked_bytes", member.UnpackedLength);
                if (member.SavedPercent is { } saved)
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
            json.WriteEndObject();
        });
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
