using System.Text.Json;

namespace Formats.Printing;

/// <summary>
/// A dtype as NumPy's <c>dtype.descr</c> in JSON, for scripts: a type string such as <c>"&lt;f8"</c>, or for a structured
/// dtype the list of <c>[name, type]</c> (or <c>[name, type, shape]</c>) entries by offset, with <c>["", "|Vn"]</c> for gaps,
/// a titled field's name as <c>[title, name]</c>.
/// </summary>
public static class DTypeJson
{
    /// <summary>Writes <paramref name="dtype"/> as the value <c>dtype.descr</c> would give (a string for a simple dtype).</summary>
    public static void Write(Utf8JsonWriter json, DType dtype)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(dtype);
        switch (dtype.Kind)
        {
            case DTypeKind.Structured:
                WriteFields(json, dtype);
                break;
            case DTypeKind.Subarray:
                json.WriteStartArray();
                Write(json, dtype.SubarrayBase!);
                WriteShape(json, dtype.SubarrayShape);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(dtype.TypeString);
                break;
        }
    }

    /// <summary>Writes <paramref name="shape"/> as a list of numbers, as JSON renders a shape tuple.</summary>
    public static void WriteShape(Utf8JsonWriter json, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray();
        foreach (var d in shape)
        {
            json.WriteNumberValue(d);
        }

        json.WriteEndArray();
    }

    // Mirrors dtype.descr: fields by offset, with ('', '|Vn') entries for gaps.
    private static void WriteFields(Utf8JsonWriter json, DType dtype)
    {
        json.WriteStartArray();
        var offset = 0;
        foreach (var field in dtype.Fields.OrderBy(f => f.Offset))
        {
            if (field.Offset > offset)
            {
                WritePadding(json, field.Offset - offset);
            }

            json.WriteStartArray();
            if (field.Title is null)
            {
                json.WriteStringValue(field.Name);
            }
            else
            {
                json.WriteStartArray();
                json.WriteStringValue(field.Title);
                json.WriteStringValue(field.Name);
                json.WriteEndArray();
            }

            if (field.DType.Kind == DTypeKind.Subarray)
            {
                Write(json, field.DType.SubarrayBase!);
                WriteShape(json, field.DType.SubarrayShape);
            }
            else
            {
                Write(json, field.DType);
            }

            json.WriteEndArray();
            offset = Math.Max(offset, field.Offset + field.DType.ItemSize);
        }

        if (dtype.ItemSize > offset)
        {
            WritePadding(json, dtype.ItemSize - offset);
        }

        json.WriteEndArray();
    }

    private static void WritePadding(Utf8JsonWriter json, int size)
    {
        json.WriteStartArray();
        json.WriteStringValue("");
        json.WriteStringValue($"|V{size}");
        json.WriteEndArray();
    }
}
