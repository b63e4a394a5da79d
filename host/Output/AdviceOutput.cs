using Formats.Printing;
using Spectre.Console;

namespace Formats.Host.Output;

/// <summary>One way to write an array: in which dtype, compressed or not, how many bytes the file takes, and the command.</summary>
internal sealed record AdviceOption(DType DType, bool Compressed, long Bytes, string Command);

/// <summary>An array's advice and the files it could be written to (the first two in its own dtype).</summary>
internal sealed record AdviceRow(string Path, DTypeAdvice Advice, IReadOnlyList<AdviceOption> Options)
{
    public AdviceOption Smallest => Options.MinBy(o => o.Bytes)!;

    public string Name => Advice.Name.Length > 0 ? Advice.Name : System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>The advice as a table (Spectre.Console, on a terminal) or as JSON.</summary>
internal static class AdviceOutput
{
    /// <summary>A simple dtype as <c>dtype.str</c> without quotes (<c>&lt;i4</c>); structured ones as their descr.</summary>
    public static string Descr(DType dtype) => dtype.ToString().Trim('\'');

    /// <summary>A dtype as short as a command line can take it: <c>u1</c>, <c>f4</c>, <c>&gt;i2</c>.</summary>
    public static string Short(DType dtype)
    {
        var descr = Descr(dtype);
        return descr.Length > 1 && (descr[0] == '|' || (descr[0] is '<' or '>' && dtype.IsNativeByteOrder)) ? descr[1..] : descr;
    }

    /// <summary>Writes the table; <paramref name="width"/> overrides the terminal's width.</summary>
    public static void Table(IReadOnlyList<AdviceRow> rows, TextWriter output, int? width = null)
    {
        var console = TerminalTable.Console(output, width);

        var table = new Table().AddColumns("file", "array", "dtype", "shape", "advised", "stored", "compressed", "advised stored", "advised compressed");
        var lines = new List<string>();
        foreach (var row in rows)
        {
            var own = row.Options.Where(o => o.DType == row.Advice.Header.DType).ToList();
            var cast = row.Options.Where(o => o.DType != row.Advice.Header.DType).ToList();
            string Size(List<AdviceOption> options, bool compressed) =>
                options.FirstOrDefault(o => o.Compressed == compressed) is { } o ? $"{o.Bytes:N0}" + (ReferenceEquals(o, row.Smallest) ? " *" : "") : "-";
            var advised = row.Advice.Narrowest is { } n ? Descr(n) : "(not numeric)";
            table.AddRow(Markup.Escape(row.Path), Markup.Escape(row.Name), Markup.Escape(Descr(row.Advice.Header.DType)), row.Advice.Header.Shape.ToString(),
                advised, Size(own, false), Size(own, true), Size(cast, false), Size(cast, true));
            lines.Add($"{row.Path} {row.Name}: {Descr(row.Advice.Header.DType)} {row.Advice.Header.Shape}, advised {advised}; stored {Size(own, false)}, "
                + $"compressed {Size(own, true)}" + (cast.Count > 0 ? $"; as {advised}: stored {Size(cast, false)}, compressed {Size(cast, true)}" : ""));
        }

        TerminalTable.Write(console, table, lines);
        foreach (var row in rows)
        {
            foreach (var line in TerminalTable.Wrap($"{row.Name}: {row.Smallest.Command}  ({row.Smallest.Bytes:N0} bytes)", console.Profile.Width))
            {
                console.WriteLine(line, Style.Plain);
            }
        }
    }

    public static string Json(IReadOnlyList<AdviceRow> rows)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                var h = row.Advice.Header;
                json.WriteStartObject();
                json.WriteString("path", row.Path);
                json.WriteString("name", row.Name);
                json.WriteString("dtype", Descr(h.DType));
                json.WritePropertyName("shape");
                DTypeJson.WriteShape(json, h.Shape.Dimensions);
                if (row.Advice.Narrowest is { } advised)
                {
                    json.WriteString("advised", Descr(advised));
                }
                else
                {
                    json.WriteNull("advised");
                }

                json.WriteStartArray("files");
                foreach (var o in row.Options)
                {
                    json.WriteStartObject();
                    json.WriteString("dtype", Descr(o.DType));
                    json.WriteBoolean("compressed", o.Compressed);
                    json.WriteNumber("bytes", o.Bytes);
                    json.WriteString("command", o.Command);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("command", row.Smallest.Command);
                json.WriteNumber("bytes", row.Smallest.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }, indented: true);
    }
}
