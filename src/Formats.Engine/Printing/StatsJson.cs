using System.Globalization;
using System.Text.Json;

namespace Formats.Printing;

/// <summary>
/// An array's statistics as the JSON <c>formats stats --json</c> prints, a stable machine format: min and max exact
/// (integers as integers, floats as the float64 they equal), mean and std with every digit; JSON has no NaN or infinity,
/// so they are the strings <c>"nan"</c>, <c>"inf"</c> and <c>"-inf"</c>, as NumPy prints them.
/// </summary>
public static class StatsJson
{
    /// <summary>
    /// Writes one object: <c>path</c>, <c>name</c> (the member, or a single-array file's name), <c>dtype</c> (<c>dtype.str</c>,
    /// or a structured descr), <c>shape</c>, <c>not_computed</c> (why, when the dtype is not numeric) and <c>stats</c>, one
    /// entry per column asked (with its <c>column</c>) or one for the whole array: <c>count</c>, <c>nan_count</c>, <c>min</c>,
    /// <c>max</c>, <c>mean</c>, <c>std</c>.
    /// </summary>
    /// <param name="json">The writer.</param>
    /// <param name="path">The file the array is in.</param>
    /// <param name="stats">Its statistics.</param>
    public static void Write(Utf8JsonWriter json, string path, ArrayStats stats)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stats);
        var s = stats;
        json.WriteStartObject();
        json.WriteString("path", path);
        json.WriteString("name", s.Name.Length > 0 ? s.Name : Path.GetFileNameWithoutExtension(path));
        json.WriteString("dtype", s.Header.DType.ToString().Trim('\''));
        json.WritePropertyName("shape");
        DTypeJson.WriteShape(json, s.Header.Shape.Dimensions);
        if (s.NotComputed is { } why)
        {
            json.WriteString("not_computed", why);
        }

        json.WriteStartArray("stats");
        for (var i = 0; i < s.Statistics.Count; i++)
        {
            var v = s.Statistics[i];
            json.WriteStartObject();
            if (s.Columns is { } c)
            {
                json.WriteNumber("column", c[i]);
            }

            json.WriteNumber("count", v.Count);
            json.WriteNumber("nan_count", v.NaNCount);
            Number(json, "min", v.IntegerMin, v.Min);
            Number(json, "max", v.IntegerMax, v.Max);
            Number(json, "mean", null, v.Mean);
            Number(json, "std", null, v.Std);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, Int128? integer, double value)
    {
        json.WritePropertyName(name);
        if (integer is { } i)
        {
            json.WriteRawValue(i.ToString(CultureInfo.InvariantCulture));
        }
        else if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
        }
    }
}
