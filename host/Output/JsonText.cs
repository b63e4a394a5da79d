using System.Buffers;
using System.Text.Json;

namespace Formats.Host.Output;

/// <summary>JSON the commands print: non-ASCII text as it is (the terminal is UTF-8), not escaped.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
