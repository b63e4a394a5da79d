using System.Text;

namespace Formats.Plugins.Text.Writing;

/// <summary>np.savetxt writes Latin-1 text: each character one byte.</summary>
internal static class TextEncoding
{
    private static readonly Encoding Strict = Encoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>The bytes of <paramref name="text"/>.</summary>
    /// <exception cref="UnsupportedArrayException"><paramref name="text"/> has a character Latin-1 cannot hold.</exception>
    public static byte[] Encode(string text, string what)
    {
        try
        {
            return Strict.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new UnsupportedArrayException($"{what} holds '{e.CharUnknown}', which Latin-1 (np.savetxt's encoding) cannot write");
        }
    }
}
