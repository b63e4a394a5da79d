namespace Formats.Plugins.Npz.Zip;

/// <summary>
/// IBM code page 437, the zip format's default for names without the UTF-8 flag (what Python's zipfile
/// decodes them with). Built in so no code-page provider has to be registered globally.
/// </summary>
internal static class Cp437
{
    private const string High =
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

    public static string Decode(ReadOnlySpan<byte> bytes) =>
        string.Create(bytes.Length, bytes.ToArray(), static (chars, raw) =>
        {
            for (var i = 0; i < raw.Length; i++)
            {
                chars[i] = raw[i] < 0x80 ? (char)raw[i] : High[raw[i] - 0x80];
            }
        });
}
