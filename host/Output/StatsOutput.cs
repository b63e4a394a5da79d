using System.Globalization;
using Formats.Printing;
using Spectre.Console;

namespace Formats.Host.Output;

/// <summary>The statistics of one array of one file.</summary>
internal sealed record StatsRow(string Path, ArrayStats Stats);

/// <summary>
/// Statistics as a table (Spectre.Console, on a terminal) or as JSON. Min and max are exact (integers as integers;
/// the table prints a float32 or float16 value as its own type would, JSON as the float64 it equals); the table rounds
/// mean and std to 8 significant digits (NumPy's print precision), JSON gives every digit. JSON has no NaN or infinity: they
/// are the strings <c>"nan"</c>, <c>"inf"</c> and <c>"-inf"</c>, as NumPy prints them.
/// </summary>
internal static class StatsOutput
{
    /// <summary>Writes the table; <paramref name="width"/> overrides the terminal's width.</summary>
    public static void Table(IReadOnlyList<StatsRow> rows, TextWriter output, int? width = null)
    {
        var console = TerminalTable.Console(output, width);

        // Narrow enough for an 80-column terminal: the file and member in one cell, the shape left to info.
        var table = new Table().AddColumns("array", "dtype", "column", "count", "NaNs", "min", "max", "mean", "std");
        var lines = new List<string>();
        foreach (var row in rows)
        {
            var s = row.Stats;
            var array = s.Name.Length > 0 ? $"{row.Path}:{s.Name}" : row.Path;
            var dtype = AdviceOutput.Short(s.Header.DType);
            if (s.NotComputed is not null)
            {
                table.AddRow(Markup.Escape(array), Markup.Escape(dtype), "(not numeric)", "-", "-", "-", "-", "-", "-");
                lines.Add($"{array} {dtype}: not numeric");
            }

            for (var i = 0; i < s.Statistics.Count; i++)
            {
                var v = s.Statistics[i];
                var column = s.Columns is { } c ? c[i].ToString(CultureInfo.InvariantCulture) : "all";
                string[] cells = [$"{v.Count:N0}", $"{v.NaNCount:N0}", Shortest(v.IntegerMin, v.Min, s.Header.DType), Shortest(v.IntegerMax, v.Max, s.Header.DType),
                    Text(null, v.Mean, "g8"), Text(null, v.Std, "g8")];
                table.AddRow([Markup.Escape(array), Markup.Escape(dtype), column, .. cells]);
                lines.Add($"{array} {dtype} column {column}: count {cells[0]}, NaNs {cells[1]}, min {cells[2]}, max {cells[3]}, mean {cells[4]}, std {cells[5]}");
            }
        }

        TerminalTable.Write(console, table, lines);
    }

    public static string Json(IReadOnlyList<StatsRow> rows) => JsonText.Write(json =>
    {
        json.WriteStartArray();
        foreach (var row in rows)
        {
            StatsJson.Write(json, row.Path, row.Stats);
        }

        json.WriteEndArray();
    }, indented: true);

    // A float32 or float16 value as its own type prints it (0.1, not 0.10000000149011612): the same number, shorter.
    private static string Shortest(Int128? integer, double value, DType dtype) =>
        integer is not null || !double.IsFinite(value) ? Text(integer, value, "R")
        : dtype.ItemSize == 4 ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
        : dtype.ItemSize == 2 ? ((Half)value).ToString("R", CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(Int128? integer, double value, string format) =>
        integer is { } i ? i.ToString(CultureInfo.InvariantCulture)
        : double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString(format, CultureInfo.InvariantCulture);
}
