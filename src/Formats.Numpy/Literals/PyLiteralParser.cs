using System.Globalization;
using System.Text;

namespace Formats.Numpy;

/// <summary>
/// Parses the small subset of Python literal syntax that NPY headers use: dicts, lists, tuples, strings,
/// integers, True, False and None. A parser, never an evaluator: anything else is refused.
/// Values come back as <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, null,
/// <see cref="PyTuple"/>, <see cref="PyList"/> and <see cref="PyDict"/>.
/// </summary>
internal sealed class PyLiteralParser
{
    private const int MaxDepth = 64;
    private readonly string text;
    private readonly bool allowLongSuffix;
    private int pos;
    private int depth;

    private PyLiteralParser(string text, bool allowLongSuffix)
    {
        this.text = text;
        this.allowLongSuffix = allowLongSuffix;
    }

    /// <summary>Parses one literal that must span the whole text (surrounding white space allowed).</summary>
    /// <param name="text">The literal.</param>
    /// <param name="allowLongSuffix">Accept Python 2's <c>3L</c> integers, as NumPy does for v1/v2 headers.</param>
    /// <exception cref="MalformedArrayException">The text is not such a literal.</exception>
    public static object? Parse(string text, bool allowLongSuffix = false)
    {
        var parser = new PyLiteralParser(text, allowLongSuffix);
        var value = parser.ParseValue();
        parser.SkipSpace();
        if (parser.pos != text.Length)
        {
            throw parser.Error("unexpected text after the literal");
        }

        return value;
    }

    private object? ParseValue()
    {
        SkipSpace();
        if (pos >= text.Length)
        {
            throw Error("literal ends too early");
        }

        var c = text[pos];
        switch (c)
        {
            case '{':
                return Nested(() => ParseDict());
            case '[':
                return Nested(() => new PyList(ParseSequence('[', ']', out _)));
            case '(':
                return Nested(() =>
                {
                    var items = ParseSequence('(', ')', out var trailingComma);
                    // "(1)" is a parenthesised int; only "(1,)" is a tuple.
                    return items.Count == 1 && !trailingComma ? items[0] : new PyTuple(items);
                });
            case '\'' or '"':
                return ParseString();
            case 'u' or 'U' when pos + 1 < text.Length && text[pos + 1] is '\'' or '"':
                pos++;
                return ParseString();
            case '-' or '+' or (>= '0' and <= '9'):
                return ParseInt();
            default:
                if (char.IsAsciiLetter(c) || c == '_')
                {
                    var start = pos;
                    while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] == '_'))
                    {
                        pos++;
                    }

                    var word = text[start..pos];
                    return word switch
                    {
                        "True" => true,
                        "False" => false,
                        "None" => null,
                        _ => throw Error($"'{Clip(word)}' is not a literal (names and calls are never evaluated)", start),
                    };
                }

                throw Error($"unexpected character {Describe(c)}");
        }
    }

    private object? Nested(Func<object?> parse)
    {
        if (++depth > MaxDepth)
        {
            throw Error($"literal nests deeper than {MaxDepth} levels");
        }

        var value = parse();
        depth--;
        return value;
    }

    private PyDict ParseDict()
    {
        pos++; // '{'
        var entries = new List<KeyValuePair<object, object?>>();
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                pos++;
                return new PyDict(entries);
            }

            var keyAt = pos;
            var key = ParseValue() ?? throw Error("None is not a valid dict key", keyAt);
            if (key is PyList or PyDict)
            {
                throw Error("a list or dict is not a valid dict key", keyAt);
            }

            SkipSpace();
            Expect(':');
            var value = ParseValue();
            entries.Add(new(key, value));
            SkipSpace();
            if (Peek() == ',')
            {
                pos++;
                continue;
            }

            SkipSpace();
            Expect('}');
            return new PyDict(entries);
        }
    }

    private List<object?> ParseSequence(char open, char close, out bool trailingComma)
    {
        pos++; // open
        var items = new List<object?>();
        trailingComma = false;
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                pos++;
                return items;
            }

            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',')
            {
                pos++;
                trailingComma = true;
                continue;
            }

            trailingComma = false;
            Expect(close);
            return items;
        }
    }

    private long ParseInt()
    {
        var start = pos;
        var negative = false;
        if (text[pos] is '-' or '+')
        {
            negative = text[pos] == '-';
            pos++;
            SkipSpace();
        }

        var digitsStart = pos;
        while (pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '_'))
        {
            pos++;
        }

        if (pos == digitsStart)
        {
            throw Error("a sign must be followed by digits", start);
        }

        var digits = text[digitsStart..pos].Replace("_", "", StringComparison.Ordinal);
        if (pos < text.Length && (text[pos] is '.' or 'e' or 'E' or 'j' or 'J' or 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))
        {
            throw Error($"only decimal integers are accepted, not '{Clip(text[start..Math.Min(text.Length, pos + 1)])}'", start);
        }

        // NumPy's header filter drops a NAME token 'L' that follows a number (spaces allowed between); '3l' stays an error.
        var suffix = pos;
        while (suffix < text.Length && text[suffix] is ' ' or '\t')
        {
            suffix++;
        }

        if (suffix < text.Length && text[suffix] == 'L'
            && (suffix + 1 == text.Length || !(char.IsAsciiLetterOrDigit(text[suffix + 1]) || text[suffix + 1] == '_')))
        {
            if (!allowLongSuffix)
            {
                throw Error("the Python 2 'L' suffix is not accepted in this header version", suffix);
            }

            pos = suffix + 1;
        }

        if (digits.Length > 1 && digits[0] == '0' && digits.Any(d => d != '0'))
        {
            throw Error($"'{Clip(digits)}': leading zeros are not valid in a Python integer", start);
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"integer '{Clip(digits)}' does not fit in 64 bits", start);
        }

        return negative ? -value : value;
    }

    private string ParseString()
    {
        var quote = text[pos];
        var start = pos;
        var triple = pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote;
        pos += triple ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= text.Length)
            {
                throw Error("string is not closed", start);
            }

            var c = text[pos];
            if (c == quote && (!triple || (pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote)))
            {
                pos += triple ? 3 : 1;
                return sb.ToString();
            }

            if (c is '\n' or '\r' && !triple)
            {
                throw Error("string is not closed on its line", start);
            }

            if (c != '\\')
            {
                sb.Append(c);
                pos++;
                continue;
            }

            pos++;
            if (pos >= text.Length)
            {
                throw Error("string ends with a lone backslash", start);
            }

            var e = text[pos++];
            switch (e)
            {
                case '\n': break;
                case '\\' or '\'' or '"': sb.Append(e); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'x': AppendCodePoint(sb, HexEscape(2)); break;
                case 'u': AppendCodePoint(sb, HexEscape(4)); break;
                case 'U': AppendCodePoint(sb, HexEscape(8)); break;
                case >= '0' and <= '7':
                    var value = e - '0';
                    for (var i = 0; i < 2 && pos < text.Length && text[pos] is >= '0' and <= '7'; i++)
                    {
                        value = (value * 8) + (text[pos++] - '0');
                    }

                    sb.Append((char)value);
                    break;
                case 'N':
                    // Python decodes \N{NAME} from its Unicode name database, which .NET lacks: refuse rather than misread.
                    throw Error("\\N{...} escapes (characters by Unicode name) are not supported", pos - 2);
                default:
                    // Python keeps unknown escapes verbatim.
                    sb.Append('\\').Append(e);
                    break;
            }
        }
    }

    private int HexEscape(int digits)
    {
        if (pos + digits > text.Length
            || !int.TryParse(text.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("truncated \\x, \\u or \\U escape in a string");
        }

        pos += digits;
        return value;
    }

    private void AppendCodePoint(StringBuilder sb, int codePoint)
    {
        if (!Rune.IsValid(codePoint))
        {
            throw Error($"escape \\U{codePoint:x8} is not a valid code point");
        }

        sb.Append(new Rune(codePoint).ToString());
    }

    private void SkipSpace()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            pos++;
        }
    }

    private char Peek() => pos < text.Length ? text[pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error(pos >= text.Length ? $"literal ends where '{c}' was expected" : $"expected '{c}' but found {Describe(text[pos])}");
        }

        pos++;
    }

    private MalformedArrayException Error(string message, int? at = null) =>
        new($"header literal is malformed at character {at ?? pos}: {message}");

    private static string Describe(char c) => c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string Clip(string s) => s.Length <= 32 ? s : s[..32] + "...";
}
