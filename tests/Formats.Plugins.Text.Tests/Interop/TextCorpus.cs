using System.Text.Json;
using Formats.Testing;

namespace Formats.Plugins.Text.Tests.Interop;

/// <summary>
/// Files NumPy writes once for the whole class: for each savetxt case the array as .npy and np.savetxt's text; for
/// each loadtxt case the text and np.save of what np.loadtxt made of it.
/// </summary>
public sealed class TextCorpus : IDisposable
{
    /// <summary>Arrays written with np.savetxt: name, array expression, extension (delimiter), fmt, header.</summary>
    public static IReadOnlyList<(string Name, string Python, string Extension, string Format, string Header)> Savetxt { get; } =
    [
        ("f8_1d", "np.array([1.5, -2.0, 0.1, 1e-300, 1e300, 2.0**-1074, np.pi])", "txt", "%.18e", ""),
        ("f8_2d_csv", "np.random.default_rng(1).standard_normal((7, 5))", "csv", "%.18e", ""),
        ("f8_special", "np.array([[np.nan, np.inf], [-np.inf, -0.0]])", "tsv", "%.18e", ""),
        ("f4_2d", "np.random.default_rng(2).standard_normal((4, 3)).astype('<f4')", "csv", "%.18e", ""),
        ("f2_1d", "np.array([0.1, 65504, -2.5e-8], dtype='<f2')", "txt", "%.18e", ""),
        ("be_f8", "np.arange(6, dtype='>f8').reshape(2, 3) / 7", "csv", "%.18e", ""),
        ("i1_2d", "np.array([[-128, 127], [0, -1]], dtype='i1')", "csv", "%d", ""),
        ("i8_extremes", "np.array([-2**63, 2**63 - 1, 0], dtype='<i8')", "txt", "%d", ""),
        ("u8_extremes", "np.array([0, 2**64 - 1, 2**53 + 1], dtype='<u8')", "csv", "%d", ""),
        ("u8_as_e", "np.array([2**64 - 1, 2**53 + 1], dtype='<u8')", "csv", "%.18e", ""),
        ("be_i4_default", "np.arange(-3, 3, dtype='>i4')", "txt", "%.18e", ""),
        ("bool_1d", "np.array([True, False, True])", "csv", "%.18e", ""),
        ("c16_1d", "np.array([1 + 2j, 3 - 4j, -0.5 - 0.25j])", "txt", "%.18e", ""),
        ("c8_2d", "(np.arange(4, dtype='<c8') * (1 - 1j)).reshape(2, 2)", "csv", "%.6g", ""),
        ("records", "np.array([(1, 2.5, True), (-3, 4.5, False)], dtype=[('a', '<i4'), ('b', '<f8'), ('c', '?')])", "csv", "%.18e", ""),
        ("fortran_2d", "np.asfortranarray(np.arange(12, dtype='<f8').reshape(3, 4))", "tsv", "%.18e", ""),
        ("fmt_g", "np.array([[0.0001, 123456789.0, 1e-5], [100000.0, 1e6, 0.5]])", "csv", "%.6g", ""),
        ("fmt_width", "np.array([1.5, -2.25, np.nan, np.inf, -np.inf, 1234.5678])", "txt", "%10.3f", ""),
        ("fmt_flags", "np.array([1.5, -2.25, 0.0, 12345.678])", "txt", "%+-12.4e", ""),
        ("fmt_zero", "np.array([7, -42, 0], dtype='<i2')", "csv", "%05d", ""),
        ("fmt_alt_g", "np.array([1.0, 100.0, 0.5])", "csv", "%#.3G", ""),
        ("fmt_literal", "np.array([[1.0, 2.5], [3.0, 4.25]])", "csv", "x=%g;", ""),
        ("fmt_d_floats", "np.array([2.7, -2.7, 1e20, -0.5])", "txt", "%i", ""),
        ("fmt_ties", "np.array([0.125, 0.375, 2.5, 3.5, 1e23])", "txt", "%.2f", ""),
        ("header", "np.arange(4.0).reshape(2, 2)", "csv", "%.18e", "x,y\nsecond line"),
        ("empty_rows", "np.zeros((3, 0))", "csv", "%.18e", ""),
        ("empty_1d", "np.zeros(0)", "txt", "%.18e", "only a header"),
        ("one_column", "np.arange(3.0).reshape(3, 1)", "csv", "%.18e", ""),
    ];

    /// <summary>Text read with np.loadtxt: name, text, extension (delimiter), dtype, skiprows.</summary>
    public static IReadOnlyList<(string Name, string Text, string Extension, string DType, int SkipRows)> Loadtxt { get; } =
    [
        ("csv_2d", "1,2,3\n4,5,6\n", "csv", "float64", 0),
        ("csv_one_row", "1.5,2.5,3.5\n", "csv", "float64", 0),
        ("csv_one_column", "1\n2\n3\n", "csv", "float64", 0),
        ("csv_one_value", "42.5\n", "csv", "float64", 0),
        ("csv_empty", "# nothing\n", "csv", "float64", 0),
        ("comments_blanks", "# header\n\n1,2 # trailing\n\n3,4\n", "csv", "float64", 0),
        ("whitespace_line", "1 2\n   \n\t\n3 4\n", "txt", "float64", 0),
        ("spaces_around", " 1 , 2\n3 ,4 \n", "csv", "float64", 0),
        ("crlf", "1\t2\r\n3\t4\r\n", "tsv", "float64", 0),
        ("whitespace_runs", "1   2\t3\n 4 5  6 \n", "txt", "float64", 0),
        ("specials", "nan -NaN +inf Infinity -INF 1e400 -1e-400 .5 5. 1E+3\n", "txt", "float64", 0),
        ("digits", "0.1 0.2 0.30000000000000004 2.2250738585072014e-308 4.9e-324 1.7976931348623157e308\n", "txt", "float64", 0),
        ("float32", "0.1,3.4028235e38,1e-45\n1.1,2.2,3.3\n", "csv", "float32", 0),
        ("float16", "0.1 65504 1e-7\n", "txt", "float16", 0),
        ("int32", "1,-2,3\n2147483647,-2147483648,0\n", "csv", "int32", 0),
        ("int8_wraps", "300\n-129\n5\n", "csv", "int8", 0),
        ("uint8_wraps", "-1\n256\n", "csv", "uint8", 0),
        ("uint64_big", "18446744073709551615\n9223372036854775808\n", "csv", "uint64", 0),
        ("int_from_float", "1.5\n-2.7\n1e5\n", "csv", "int64", 0),
        ("bool", "1 0\n2 -1\n", "txt", "bool", 0),
        ("skiprows", "a,b\nc,d\n1,2\n3,4\n", "csv", "float64", 2),
        ("skiprows_comment", "# x\n1 2\n", "txt", "float64", 1),
        ("savetxt_roundtrip", "", "csv", "float64", 0),
    ];

    private const string Script = """
        import io
        cases = json.load(open('cases.json'))
        delims = {'csv': ',', 'tsv': '\t', 'txt': ' '}
        for name, expr, ext, fmt, header in cases['savetxt']:
            a = eval(expr)
            np.save(name + '.npy', a)
            np.savetxt(name + '.' + ext, a, fmt=fmt, delimiter=delims[ext], header=header)
        import warnings
        warnings.simplefilter('ignore')
        for name, text, ext, dtype, skip in cases['loadtxt']:
            if name == 'savetxt_roundtrip':
                np.savetxt('load_' + name + '.' + ext, np.random.default_rng(5).standard_normal((50, 4)), delimiter=',')
            else:
                open('load_' + name + '.' + ext, 'wb').write(text.encode('latin1'))
            a = np.loadtxt('load_' + name + '.' + ext, delimiter=None if ext == 'txt' else delims[ext], dtype=dtype, skiprows=skip)
            np.save('load_' + name + '.npy', a)
        """;

    private readonly TempDir dir = new();

    public TextCorpus()
    {
        System.IO.File.WriteAllText(dir.File("cases.json"), JsonSerializer.Serialize(new
        {
            savetxt = Savetxt.Select(c => new object[] { c.Name, c.Python, c.Extension, c.Format, c.Header }),
            loadtxt = Loadtxt.Select(c => new object[] { c.Name, c.Text, c.Extension, c.DType, c.SkipRows }),
        }));
        NumPy.Run(Script, dir.Path);
    }

    public ArrayFiles Files { get; } = TestServices.Files();

    public string Folder => dir.Path;

    public string File(string name) => dir.File(name);

    public void Dispose() => dir.Dispose();
}
