using System.Globalization;
using System.Text;

namespace Formats.Literals;

/// <summary>
/// Writes values exactly as Python's <c>repr</c> does. NumPy names dtypes and shapes in this text
/// (<see cref="DType.ToString"/>, <see cref="ArrayShape.ToString"/>), writes NPY headers in it and prints elements
/// with it, so the contract holds the writer and every assembly writes the same bytes; reading such text is the
/// literal parser's, in Formats.Numpy.
/// </summary>
public static class PyRepr
{
    /// <summary>Python's <c>repr(str)</c> of code points (lone surrogates included, as Python keeps them).</summary>
    public static string String(ReadOnlySpan<int> codePoints)
    {
        var quote = Quote(codePoints.Contains('\''), codePoints.Contains('"'));
        var sb = new StringBuilder(codePoints.Length + 2).Append(quote);
        foreach (var v in codePoints)
        {
            if (v == quote || v == '\\')
            {
                sb.Append('\\').Append((char)v);
            }
            else if (TryEscapeControl(sb, v))
            {
            }
            else if (v < 0x7f || IsPrintable(v))
            {
                sb.Append(char.ConvertFromUtf32(v));
            }
            else if (v <= 0xff)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{v:x2}");
            }
            else if (v <= 0xffff)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{v:x4}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\U{v:x8}");
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>Python's <c>repr(str)</c>: single quotes unless the text holds a quote and no double quote.</summary>
    public static string String(string value) => String(value.EnumerateRunes().Select(r => r.Value).ToArray());

    /// <summary><c>repr(bytes)</c>: <c>b'...'</c> with printable ASCII as is.</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes)
    {
        var quote = Quote(bytes.Contains((byte)'\''), bytes.Contains((byte)'"'));
        var sb = new StringBuilder(bytes.Length + 3).Append('b').Append(quote);
        foreach (var b in bytes)
        {
            if (b == quote || b == '\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (TryEscapeControl(sb, b))
            {
            }
            else if (b < 0x7f)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>NumPy's <c>str</c> of an unstructured void item: every byte as <c>\xNN</c>, hex digits in upper case.</summary>
    public static string Void(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 4 + 3).Append("b'");
        foreach (var b in bytes)
        {
            // Upper case, unlike repr(bytes): NumPy formats void items itself (\x0A where bytes give \n).
            sb.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>Python's <c>repr(tuple_of_ints)</c>: <c>()</c>, <c>(5,)</c>, <c>(3, 4)</c>.</summary>
    public static string Tuple(ReadOnlySpan<long> items)
    {
        if (items.Length == 1)
        {
            return $"({items[0].ToString(CultureInfo.InvariantCulture)},)";
        }

        var sb = new StringBuilder("(");
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(items[i].ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(')').ToString();
    }

    /// <summary>Python's <c>repr(bool)</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    private static char Quote(bool hasSingle, bool hasDouble) => hasSingle && !hasDouble ? '"' : '\'';

    private static bool TryEscapeControl(StringBuilder sb, int v)
    {
        switch (v)
        {
            case '\t':
                sb.Append("\\t");
                return true;
            case '\n':
                sb.Append("\\n");
                return true;
            case '\r':
                sb.Append("\\r");
                return true;
            case < 0x20 or 0x7f:
                sb.Append(CultureInfo.InvariantCulture, $"\\x{v:x2}");
                return true;
            default:
                return false;
        }
    }

    // Python's str.isprintable: everything but the Other (C*) and Separator (Z*) categories, space excepted.
    private static bool IsPrintable(int codePoint)
    {
        if (codePoint is >= 0xD800 and <= 0xDFFF || codePoint > 0x10FFFF)
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => codePoint == ' ',
            _ => true,
        };
    }
}
