using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Formats.Plugins.Zarr.Metadata;

/// <summary>A metadata <c>fill_value</c> to the bytes of one element in the dtype's byte order.</summary>
internal static class FillValue
{
    public static byte[] Encode(JsonElement? value, DType dtype, string entry)
    {
        var bytes = new byte[dtype.ItemSize];
        if (value is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            return bytes;
        }

        try
        {
            switch (dtype.Kind)
            {
                case DTypeKind.Bool:
                    bytes[0] = v.ValueKind switch
                    {
                        JsonValueKind.True => 1,
                        JsonValueKind.False => 0,
                        _ => Convert.ToByte(v.GetInt64() != 0),
                    };
                    break;
                case DTypeKind.Int:
                    WriteInteger(bytes, v.GetInt64());
                    break;
                case DTypeKind.UInt:
                    WriteInteger(bytes, unchecked((long)v.GetUInt64()));
                    break;
                case DTypeKind.Float:
                    WriteFloat(bytes, v, entry);
                    break;
                case DTypeKind.Complex:
                    if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
                    {
                        throw new MalformedArrayException($"{entry}: a complex fill_value is [real, imaginary], not {v}");
                    }

                    WriteFloat(bytes.AsSpan(0, bytes.Length / 2), v[0], entry);
                    WriteFloat(bytes.AsSpan(bytes.Length / 2), v[1], entry);
                    break;
                case DTypeKind.Unicode when v.ValueKind == JsonValueKind.String:
                    var text = Encoding.UTF32.GetBytes(v.GetString()!);
                    if (text.Length > bytes.Length)
                    {
                        throw new MalformedArrayException($"{entry}: fill_value {v} is longer than {dtype.ItemSize / 4} code points");
                    }

                    text.CopyTo(bytes, 0);
                    break;
                default:
                    return bytes;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            throw new MalformedArrayException($"{entry}: fill_value {v} does not fit {dtype}", e);
        }

        if (dtype.ByteOrder == ByteOrder.Big)
        {
            var unit = dtype.Kind == DTypeKind.Complex ? dtype.ItemSize / 2 : dtype.Kind == DTypeKind.Unicode ? 4 : dtype.ItemSize;
            for (var i = 0; i + unit <= bytes.Length; i += unit)
            {
                bytes.AsSpan(i, unit).Reverse();
            }
        }

        return bytes;
    }

    private static void WriteInteger(Span<byte> bytes, long value)
    {
        Span<byte> all = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(all, value);
        all[..bytes.Length].CopyTo(bytes);
    }

    private static void WriteFloat(Span<byte> bytes, JsonElement v, string entry)
    {
        if (v.ValueKind == JsonValueKind.String && v.GetString() is { } s && s.StartsWith("0x", StringComparison.Ordinal))
        {
            // The raw bits, big-endian hex as the spec writes them.
            var bits = ulong.Parse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            WriteInteger(bytes, unchecked((long)bits));
            return;
        }

        var value = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String => v.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => throw new MalformedArrayException($"{entry}: fill_value {v} is not a number, NaN, Infinity, -Infinity or 0x bits"),
            },
            _ => throw new MalformedArrayException($"{entry}: fill_value {v} is not a number"),
        };

        switch (bytes.Length)
        {
            case 2:
                BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value);
                break;
            case 4:
                BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
                break;
            default:
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
                break;
        }
    }
}
