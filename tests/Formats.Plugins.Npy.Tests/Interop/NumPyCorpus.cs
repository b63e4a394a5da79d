using System.Text.Json;
using Formats.Numpy;
using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.Interop;

/// <summary>What NumPy reports about one array it saved.</summary>
/// <param name="Descr">repr of <c>numpy.lib.format.dtype_to_descr(dtype)</c>: the header's descr text.</param>
/// <param name="Shape">repr of the shape tuple.</param>
/// <param name="Fortran">The header's fortran_order.</param>
/// <param name="Data">arr.tobytes(order='A'): the data bytes in file order.</param>
/// <param name="Version">The NPY version NumPy chose.</param>
public sealed record NumPyArray(string Descr, string Shape, bool Fortran, byte[] Data, string Version);

/// <summary>
/// One NumPy run that saves every interop case (<c>np_NAME.npy</c>) and reports its descr, shape, order, bytes and
/// version; then, on first use, one more run that loads every file we wrote (<c>ours_NAME.npy</c>) and compares it.
/// </summary>
public sealed class NumPyCorpus : IDisposable
{
    private const string Prelude = """
        import warnings
        warnings.simplefilter('ignore')
        from numpy.lib import format as fmt

        def filled(dtype, shape, order='C'):
            dt = np.dtype(dtype)
            n = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
            a = np.frombuffer((np.arange(n) % 251).astype('u1').tobytes(), dtype=dt).reshape(shape, order=order)
            return a.copy(order='K')

        def header_only(descr, shape):
            return ('header_only', descr, shape)

        def hand_written(descr, shape):
            return ('hand_written', descr, shape)

        """;

    private const string SaveAll = """
        cases = json.load(open('cases.json', encoding='utf-8'))
        out = {}
        for name, expr in cases:
            path = 'np_%s.npy' % name
            a = eval(expr)
            if isinstance(a, tuple) and a[0] == 'header_only':
                with open(path, 'wb') as f:
                    fmt.write_array_header_1_0(f, {'descr': a[1], 'fortran_order': False, 'shape': a[2]})
                a = np.load(path)
            elif isinstance(a, tuple) and a[0] == 'hand_written':
                n = int(np.prod(a[2], dtype=np.int64)) * fmt.descr_to_dtype(a[1]).itemsize
                with open('hw_%s.npy' % name, 'wb') as f:
                    fmt.write_array_header_1_0(f, {'descr': a[1], 'fortran_order': False, 'shape': a[2]})
                    f.write((np.arange(n) % 251).astype('u1').tobytes())
                a = np.load('hw_%s.npy' % name)
                np.save(path, a)
            else:
                np.save(path, a)
            raw = open(path, 'rb').read()
            out[name] = {
                'descr': repr(fmt.dtype_to_descr(a.dtype)),
                'shape': repr(a.shape),
                'fortran': bool(a.flags.f_contiguous and not a.flags.c_contiguous),
                'data': a.tobytes(order='A').hex(),
                'version': '%d.%d' % (raw[6], raw[7]),
            }
        json.dump(out, open('expected.json', 'w'))
        """;

    private const string VerifyAll = """
        names = json.load(open('verify.json', encoding='utf-8'))
        res = {}
        for n in names:
            try:
                a = np.load('np_%s.npy' % n, max_header_size=10**7)
                b = np.load('ours_%s.npy' % n, max_header_size=10**7)
                assert b.dtype == a.dtype, 'dtype %r != %r' % (b.dtype, a.dtype)
                assert repr(fmt.dtype_to_descr(b.dtype)) == repr(fmt.dtype_to_descr(a.dtype)), 'descr differs'
                assert b.shape == a.shape, 'shape %r != %r' % (b.shape, a.shape)
                assert b.flags.c_contiguous == a.flags.c_contiguous and b.flags.f_contiguous == a.flags.f_contiguous, 'order differs'
                assert b.tobytes(order='A') == a.tobytes(order='A'), 'data differs'
                if a.dtype.kind in 'biufcSU':
                    assert np.array_equal(a, b, equal_nan=a.dtype.kind in 'fc'), 'values differ'
                res[n] = 'OK'
            except Exception as e:
                res[n] = '%s: %s' % (type(e).__name__, e)
        print(json.dumps(res))
        """;

    private readonly Lazy<IReadOnlyDictionary<string, string>> verdicts;

    public NumPyCorpus()
    {
        var cases = InteropCases.All.Concat(InteropCases.Typed).Select(c => new[] { c.Name, c.Python }).ToArray();
        File.WriteAllText(Dir.File("cases.json"), JsonSerializer.Serialize(cases));
        NumPy.Run(Prelude + SaveAll, Dir.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(Dir.File("expected.json")));
        Expected = json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new NumPyArray(
                p.Value.GetProperty("descr").GetString()!,
                p.Value.GetProperty("shape").GetString()!,
                p.Value.GetProperty("fortran").GetBoolean(),
                Convert.FromHexString(p.Value.GetProperty("data").GetString()!),
                p.Value.GetProperty("version").GetString()!));
        verdicts = new Lazy<IReadOnlyDictionary<string, string>>(WriteAndVerifyAll);
    }

    public TempDir Dir { get; } = new();

    public ArrayFiles Files { get; } = TestServices.Files();

    public IReadOnlyDictionary<string, NumPyArray> Expected { get; }

    /// <summary>A read request that admits the oversized headers of the header_* cases.</summary>
    public static ReadRequest RequestFor(string name) =>
        InteropCases.NeedsLargeHeader(name) ? new ReadRequest { MaxHeaderSize = 1 << 20 } : ReadRequest.Default;

    public string NumPyFile(string name) => Dir.File($"np_{name}.npy");

    /// <summary>The hand-written file of a <c>hand_written</c> case (<see cref="NumPyFile"/> is np.save of what NumPy loaded from it).</summary>
    public string HandWrittenFile(string name) => Dir.File($"hw_{name}.npy");

    /// <summary>The array NumPy reported, rebuilt from its descr text, shape text and bytes alone.</summary>
    public NDArray Rebuild(string name)
    {
        var e = Expected[name];
        var header = new ArrayHeader(DTypeDescr.Parse(e.Descr), ArrayShape.Parse(e.Shape), e.Fortran ? ArrayOrder.Fortran : ArrayOrder.C);
        return NDArray.FromBytes(header, e.Data);
    }

    /// <summary>NumPy's verdict on the file we wrote for <paramref name="name"/>: "OK" or what differed.</summary>
    public string Verdict(string name) => verdicts.Value.TryGetValue(name, out var v) ? v : "no verdict";

    public void Dispose() => Dir.Dispose();

    // Writes every case with ArrayFiles.Write from NDArray.FromBytes, then lets one NumPy run judge them all.
    private Dictionary<string, string> WriteAndVerifyAll()
    {
        var failures = new Dictionary<string, string>();
        var written = new List<string>();
        foreach (var (name, _) in InteropCases.All)
        {
            try
            {
                using var array = Rebuild(name);
                Files.Write(Dir.File($"ours_{name}.npy"), array);
                written.Add(name);
            }
            catch (ArrayFormatException e)
            {
                failures[name] = "we could not write it: " + e.Message;
            }
        }

        File.WriteAllText(Dir.File("verify.json"), JsonSerializer.Serialize(written));
        var output = NumPy.Run(Prelude + VerifyAll, Dir.Path);
        var result = JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
        foreach (var (k, v) in failures)
        {
            result[k] = v;
        }

        return result;
    }
}
