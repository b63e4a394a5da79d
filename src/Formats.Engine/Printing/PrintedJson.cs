using System.Buffers;
using System.Text.Json;

namespace Formats.Printing;

// The JSON the printers write: one line unless indented, non-ASCII text as it is (UTF-8 terminals and files), not escaped.
internal static class PrintedJson
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
