using System.Text;

namespace Formats.Hosting.Tests;

/// <summary>Small .npy files as <c>np.save</c> writes them (version 1.0, header padded to 64 bytes).</summary>
internal static class NpyFile
{
    /// <summary>int32 values 0, 1, 2, ... of shape (<paramref name="count"/>,).</summary>
    public static byte[] Int32s(int count)
    {
        var dict = $"{{'descr': '<i4', 'fortran_order': False, 'shape': ({count},), }}";
        var header = dict.PadRight(64 - 10 - 1) + "\n";
        var bytes = new List<byte>([0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0]);
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(Enumerable.Range(0, count).SelectMany(BitConverter.GetBytes));
        return [.. bytes];
    }
}
