using System.Text.Json;

namespace Formats.Printing;

/// <summary>What <see cref="ArrayFiles.DiffAsync(string, string, DiffRequest?, CancellationToken)"/> found, as the JSON <c>formats diff --json</c> prints: a stable machine format.</summary>
public static class DiffJson
{
    /// <summary>
    /// <paramref name="diff"/> of <paramref name="pathA"/> and <paramref name="pathB"/> as one line of JSON: <c>equal</c>,
    /// <c>a</c> and <c>b</c> (each <c>path</c>, <c>dtype</c> as <see cref="DTypeJson"/> writes it, <c>shape</c>),
    /// <c>dtypes_differ</c>, <c>shapes_differ</c>, <c>count</c> and <c>differences</c> (each <c>index</c>, <c>a</c>, <c>b</c>,
    /// the values as NumPy prints them).
    /// </summary>
    public static string Format(string pathA, string pathB, ArrayDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return PrintedJson.Write(json =>
        {
            json.WriteStartObject();
            WriteDiff(json, pathA, pathB, diff);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// <paramref name="diff"/> of two archives as one line of JSON: <c>equal</c>, <c>only_in_a</c>, <c>only_in_b</c> (member
    /// names) and <c>members</c>, each its <c>name</c> and the fields of <see cref="Format(string, string, ArrayDiff)"/>.
    /// </summary>
    public static string Format(string pathA, string pathB, ArchiveDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return PrintedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("equal", diff.Equal);
            json.WriteStartArray("only_in_a");
            diff.OnlyInA.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("only_in_b");
            diff.OnlyInB.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("members");
            foreach (var (name, member) in diff.Members)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                WriteDiff(json, pathA, pathB, member);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteDiff(Utf8JsonWriter json, string a, string b, ArrayDiff diff)
    {
        json.WriteBoolean("equal", diff.Equal);
        foreach (var (key, path, header) in new[] { ("a", a, diff.A), ("b", b, diff.B) })
        {
            json.WriteStartObject(key);
            json.WriteString("path", path);
            json.WritePropertyName("dtype");
            DTypeJson.Write(json, header.DType);
            json.WritePropertyName("shape");
            DTypeJson.WriteShape(json, header.Shape.Dimensions);
            json.WriteEndObject();
        }

        json.WriteBoolean("dtypes_differ", diff.DTypesDiffer);
        json.WriteBoolean("shapes_differ", diff.ShapesDiffer);
        json.WriteNumber("count", diff.DifferenceCount);
        json.WriteStartArray("differences");
        foreach (var d in diff.Differences)
        {
            json.WriteStartObject();
            json.WriteStartArray("index");
            foreach (var i in d.Index)
            {
                json.WriteNumberValue(i);
            }

            json.WriteEndArray();
            json.WriteString("a", d.A);
            json.WriteString("b", d.B);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
