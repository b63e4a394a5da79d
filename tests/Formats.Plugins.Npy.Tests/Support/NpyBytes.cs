using System.Buffers.Binary;
using System.Text;

namespace Formats.Plugins.Npy.Tests.Support;

/// <summary>Builds NPY files byte by byte, including ones no well-behaved writer would produce.</summary>
internal static class NpyBytes
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>A header dict literal with the three keys in NumPy's order.</summary>
    public static string Dict(string descr = "'<f8'", string fortran = "False", string shape = "(3,)") =>
        $"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}";

    /// <summary>
    /// Magic, version, length, <paramref name="header"/> padded with spaces and a newline to <paramref name="align"/>
    /// (1 = no padding, just the newline), then <paramref name="data"/>.
    /// </summary>
    public static byte[] File(string header, byte major = 1, byte minor = 0, byte[]? data = null, int align = 64)
    {
        var body = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        var lengthSize = major == 1 ? 2 : 4;
        var used = 8 + lengthSize + body.Length + 1;
        var pad = align <= 1 ? 0 : (align - (used % align)) % align;
        var headerLength = body.Length + pad + 1;
        var result = new List<byte>(used + pad + (data?.Length ?? 0));
        result.AddRange(Magic);
        result.AddRange([major, minor]);
        var length = new byte[lengthSize];
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, checked((ushort)headerLength));
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, checked((uint)headerLength));
        }

        result.AddRange(length);
        result.AddRange(body);
        result.AddRange(Enumerable.Repeat((byte)' ', pad));
        result.Add((byte)'\n');
        result.AddRange(data ?? []);
        return [.. result];
    }

    /// <summary>Just a preamble: magic, version and a (possibly lying) header length, nothing else.</summary>
    public static byte[] Preamble(byte major, byte minor, uint headerLength, int extraBytes = 0)
    {
        var lengthSize = major == 1 ? 2 : 4;
        var result = new byte[8 + lengthSize + extraBytes];
        Magic.CopyTo(result, 0);
        result[6] = major;
        result[7] = minor;
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), checked((ushort)headerLength));
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), headerLength);
        }

        result.AsSpan(8 + lengthSize).Fill((byte)' ');
        return result;
    }
}
