using System.Security.Cryptography;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Support;

/// <summary>Shared helpers: the format, the engine, NPY member bytes, hashing.</summary>
internal static class NpzTest
{
    public static NpzFormat Format { get; } = new();

    public static ArrayFiles Files { get; } = TestServices.Files();

    /// <summary>A complete NPY file (preamble and data) as a member's uncompressed bytes.</summary>
    public static byte[] NpyBytes(ArrayHeader header, ReadOnlySpan<byte> data) => [.. NpyHeaderCodec.Encode(header), .. data];

    /// <summary>An NPY member of <paramref name="count"/> uint8 values 0, 1, 2...</summary>
    public static byte[] NpyBytes(int count) =>
        NpyBytes(ArrayHeader.Create(DType.UInt8, count), Enumerable.Range(0, count).Select(i => (byte)i).ToArray());

    public static IArrayReader Open(string path, ArrayReadOptions? options = null) =>
        Format.CreateReader(new MemoryStream(File.ReadAllBytes(path)), options ?? ArrayReadOptions.Default);

    /// <summary>Reads one member's data to the end through the reader (in 64 KiB steps, like a streaming caller).</summary>
    public static byte[] ReadAll(IArrayReader reader, string? name, RowRange? rows = null)
    {
        using var data = reader.OpenData(name, rows);
        var result = new byte[data.Header.ByteLength];
        var buffer = new byte[1 << 16];
        var at = 0;
        int n;
        while ((n = data.Read(buffer)) > 0)
        {
            buffer.AsSpan(0, n).CopyTo(result.AsSpan(at));
            at += n;
        }

        Assert.Equal(result.Length, at);
        return result;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Python that checks an archive with zipfile's own CRC pass and prints np.load's view as JSON.</summary>
    public static string DescribeWithNumPy(string file) => $$"""
        import zipfile, hashlib
        assert zipfile.ZipFile({{Py(file)}}).testzip() is None, 'testzip found a bad member'
        out = {}
        with np.load({{Py(file)}}) as z:
            for k in z.files:
                a = z[k]
                data = a.tobytes(order='F' if (a.flags.f_contiguous and not a.flags.c_contiguous) else 'C')
                out[k] = dict(descr=repr(np.lib.format.dtype_to_descr(a.dtype)), shape=list(a.shape),
                              fortran=bool(a.flags.f_contiguous and not a.flags.c_contiguous), sha=hashlib.sha256(data).hexdigest())
        print(json.dumps(out))
        """;

    /// <summary>A Python string literal for <paramref name="text"/>.</summary>
    public static string Py(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
