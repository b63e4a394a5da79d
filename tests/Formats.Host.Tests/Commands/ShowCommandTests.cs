using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>formats show</c> against NumPy's own <c>repr</c>: one NumPy run saves every array (and what <c>repr</c> prints for
/// it, or for the rows and columns asked for), then each family's files are shown and compared character for character.
/// </summary>
public sealed class ShowCommandTests(ShowCommandTests.Cases cases) : IClassFixture<ShowCommandTests.Cases>
{
    [Theory]
    [InlineData("bool")]
    [InlineData("int")]
    [InlineData("uint")]
    [InlineData("float16")]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("complex")]
    [InlineData("datetime")]
    [InlineData("timedelta")]
    [InlineData("bytes")]
    [InlineData("unicode")]
    [InlineData("void")]
    [InlineData("structured")]
    [InlineData("zerod")]
    [InlineData("empty")]
    [InlineData("large")]
    [InlineData("fortran")]
    [InlineData("rows")]
    [InlineData("columns")]
    [InlineData("npz")]
    public async Task PrintsWhatNumPysReprPrints(string family)
    {
        var mine = cases.All.Where(c => c.Family == family).ToList();
        Assert.NotEmpty(mine);
        var mismatches = new List<string>();
        foreach (var c in mine)
        {
            var (code, stdout, stderr) = await Cli.RunAsync([.. c.Args.Select(a => a == "FILE" ? cases.Dir.File(c.File) : a)]);
            if (code != 0 || stdout != c.Expected + "\n")
            {
                mismatches.Add($"{c.Name} ({string.Join(' ', c.Args)}), exit {code} {stderr}\nNumPy:\n{c.Expected}\nshow:\n{stdout}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {mine.Count} differ:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public async Task ASummarisedArrayReadsOnlyTheRowsItPrints()
    {
        // 8 GB of float64 on disk (sparse): printing its edges must not read it, nor allocate anything like it.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (code, stdout, stderr) = await Cli.RunAsync("show", cases.Dir.File("huge.npy"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(code == 0, stderr);
        Assert.Equal(cases.Expected("huge") + "\n", stdout);
        Assert.True(allocated < 64 << 20, $"allocated {allocated} bytes");

        // The middle of this stored member is damaged: a whole read fails its CRC-32, the printed edges never touch it.
        (code, stdout, stderr) = await Cli.RunAsync("show", cases.Dir.File("damaged.npz"), "--name", "x");
        Assert.True(code == 0, stderr);
        Assert.Equal(cases.Expected("damaged") + "\n", stdout);
        (code, _, stderr) = await Cli.RunAsync("convert", cases.Dir.File("damaged.npz"), cases.Dir.File("whole.npy"), "--name", "x");
        Assert.Equal(1, code);
        Assert.Contains("CRC-32 mismatch", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--columns", "nope", "no field 'nope' (fields: a, b, c)")]
    [InlineData("--columns", "7", "no field '7'")]
    public async Task ColumnsAStructuredArrayDoesNotHaveAreOneErrorLine(string option, string value, string message)
    {
        var (code, stdout, stderr) = await Cli.RunAsync("show", cases.Dir.File("columns_struct.npy"), option, value);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: {cases.Dir.File("columns_struct.npy")}: {message}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ColumnsOfA1DArrayOrOutOfRangeAreRefused()
    {
        var (code, _, stderr) = await Cli.RunAsync("show", cases.Dir.File("columns_2d.npy"), "--columns", "9");
        Assert.Equal(1, code);
        Assert.Contains("column 9 is out of range for axis 1 of length 6", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await Cli.RunAsync("show", cases.Dir.File("bool_1.npy"), "--columns", "0");
        Assert.Equal(1, code);
        Assert.Contains("columns select fields of a structured array or columns of a 2-D array", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await Cli.RunAsync("show", cases.Dir.File("bool_1.npy"), "--columns", "a,,b");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --columns: columns 'a,,b' has an empty item", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongDoublesAreRefusedNamingTheFileAndTheDType()
    {
        // The documented difference: NumPy prints float128 values, .NET has no type to format them with.
        var path = cases.Dir.File("longdouble.npy");
        var (code, stdout, stderr) = await Cli.RunAsync("show", path);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: {path}: cannot print dtype <f16: a long double has no .NET type to format it with", stderr.TrimEnd());
    }

    /// <summary>One saved array, the command that shows it, and NumPy's repr of what it shows.</summary>
    public sealed record Case(string Name, string Family, string File, string[] Args, string Expected);

    /// <summary>Every case, written by one NumPy run.</summary>
    public sealed class Cases : IDisposable
    {
        public Cases()
        {
            var json = NumPy.Run(Script, Dir.Path);
            All = JsonSerializer.Deserialize<List<Case>>(json, Json)!;
        }

        private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

        public TempDir Dir { get; } = new();

        public IReadOnlyList<Case> All { get; }

        public string Expected(string name) => All.Single(c => c.Name == name).Expected;

        public void Dispose() => Dir.Dispose();

        private const string Script = """
            from numpy.lib import recfunctions as rfn
            import zipfile
            rng = np.random.default_rng(14)
            cases = []
            counts = {}
            def add(family, a, args=None, shown=None, name=None, file=None):
                counts[family] = counts.get(family, 0) + 1
                name = name or f'{family}_{counts[family]}'
                if file is None:
                    file = name + '.npy'
                    np.save(file, a)
                cases.append(dict(name=name, family=family, file=file, args=['show', 'FILE'] + (args or []), expected=repr(a if shown is None else shown)))

            add('bool', np.array([True, False, True]))
            add('bool', np.array([[False], [False]]))
            for dt in ['i1', 'i2', 'i4', 'i8', '>i4', '>i8']:
                info = np.iinfo(dt)
                add('int', rng.integers(info.min, info.max, 9, dtype=np.dtype(dt).newbyteorder('='), endpoint=True).astype(dt))
                add('int', np.array([info.min, -1, 0, info.max], dtype=dt))
            add('int', np.arange(12).reshape(3, 4))
            add('int', np.arange(-50, 50, dtype='i2'))
            for dt in ['u1', 'u2', 'u4', 'u8', '>u2']:
                info = np.iinfo(dt)
                add('uint', np.array([0, 1, info.max], dtype=dt))
                add('uint', rng.integers(0, info.max, 7, dtype=np.dtype(dt).newbyteorder('='), endpoint=True).astype(dt))

            def floats(dt, family):
                for scale in [1e-12, 1e-5, 1e-3, 1, 1e3, 1e7, 1e9, 1e30]:
                    for _ in range(3):
                        size = int(rng.integers(1, 12))
                        v = rng.standard_normal(size) * scale * 10 ** rng.uniform(-3, 3, size)
                        with np.errstate(over='ignore'):
                            a = v.astype(dt)
                        if rng.random() < 0.3: a[0] = 0
                        if size > 2: a[1] = np.round(a[1])
                        add(family, a)
                bits = {2: 'u2', 4: 'u4', 8: 'u8'}[np.dtype(dt).itemsize]
                for _ in range(12):
                    add(family, rng.integers(0, np.iinfo(bits).max, 6, dtype=bits, endpoint=True).view(np.dtype(dt).newbyteorder('=')).astype(dt))
                add(family, np.array([1.0, 2.5, 100.0, -0.0], dtype=dt))
                add(family, np.array([0.1, np.nan, -np.inf, np.inf, 1e-4, 0.5], dtype=dt))
                add(family, np.array([np.nan, np.inf], dtype=dt))
                add(family, (np.arange(1, 60) / 7).astype(dt))
            floats('f2', 'float16')
            floats('>f2', 'float16')
            add('float16', np.array([65504, 0.1, 1e-7, 3.14, 31136], dtype='f2'))
            floats('f4', 'float32')
            floats('>f4', 'float32')
            add('float32', np.array([1e-4, 0.5, 99999992.0, 16777217], dtype='f4'))
            floats('f8', 'float64')
            floats('>f8', 'float64')
            add('float64', np.array([0.5, 0.25, 0.125, 0.0625, 0.03125, 0.001953125, 0.005859375]))
            add('float64', np.array([123456789.0, 0.5]))
            add('float64', np.array([99999999.0, 0.5]))
            add('float64', np.array([[1e300, -1e-300], [np.nan, 0]]))
            add('float64', rng.random((4, 3, 2, 2)))
            for dt in ['c8', 'c16', '>c16']:
                for scale in [1e-6, 1, 1e5, 1e12]:
                    size = int(rng.integers(1, 9))
                    add('complex', ((rng.standard_normal(size) + 1j * rng.standard_normal(size)) * scale).astype(dt))
                add('complex', np.array([1 + 2j, np.nan + 1j * np.inf, -1 - 1e-9j, 0j, -0.0 - 0.0j], dtype=dt))

            add('datetime', np.array(['2020-01-01T10:11:12.5', 'NaT', '1969-12-31T23:59:59'], dtype='M8[ms]'))
            add('datetime', np.array([-1, 0, 100000000, -100000000], dtype='M8[D]'))
            add('datetime', np.array(['2000-02-29T23:59:59.999999999', '1900-03-01'], dtype='M8[ns]'))
            add('datetime', np.arange(6).astype('M8[M]'))
            add('datetime', (np.arange(4) * 3000 - 3000).astype('M8[Y]'))
            add('datetime', np.array([1, 2], dtype='M8[7D]'))
            add('datetime', np.array([1, 2], dtype='M8[W]'))
            add('datetime', np.array([1, 2], dtype='M8[25s]'))
            add('datetime', np.array([1, -5000], dtype='M8[fs]'))
            add('datetime', np.array([1, -5], dtype='M8[as]'))
            add('datetime', np.array([1, 70000], dtype='M8[h]'))
            add('datetime', np.array([1, 70000], dtype='>M8[m]'))
            add('datetime', np.array([123456789, -1], dtype='M8[us]'))
            add('datetime', np.array([123456789, -1], dtype='M8[ps]'))
            add('datetime', np.array(['NaT', 'NaT'], dtype='M8'))
            add('timedelta', np.array([1, 2, 'NaT'], dtype='m8[25s]'))
            add('timedelta', np.array([-10**17, 10**17], dtype='m8[us]'))
            add('timedelta', np.array([3, -1], dtype='>m8[D]'))
            add('timedelta', np.array([5], dtype='m8'))

            add('bytes', np.array([b'a\x00b', b'x\xff', b"'", b'"\'', b'\\\t\n\r\x7f']))
            add('bytes', np.array([b'x' * 40, b'y' * 40]))
            add('bytes', np.array([b'', b'']))
            add('unicode', np.array(['a\'b', 'c"d', 'e\'"f', '\u00e9\x01\n', '\U0001F600', '\u200b', '\u00a0', '\\']))
            add('unicode', np.array(['a' * 30, 'b' * 30, 'c' * 30]))
            add('unicode', np.array(['x', 'yy'], dtype='>U2'))
            add('void', np.array([b'ab\x01', b'c'], dtype='V3'))
            add('void', np.zeros(2, dtype='V5'))

            add('structured', np.array([(1, 2.5, b'x', 'yy', True), (-3, np.nan, b'', 'z', False)],
                dtype=[('a', '<i4'), ('b', '>f8'), ('c', 'S2'), ('d', '<U3'), ('e', '?')]))
            add('structured', np.zeros(2, dtype=[('a', '<i4'), ('n', [('x', 'u1'), ('y', '>f8', (2, 2))]), ('t', 'M8[s]')]))
            add('structured', np.ones(3, dtype=[('x', 'f4', (3,)), ('y', [('p', 'i1'), ('q', 'c16')])]))
            add('structured', np.array([(1, [True, False])], dtype=[('a', '<i4'), ('b', '?', (2,))]))
            add('structured', np.zeros(1, dtype={'names': ['a', 'b'], 'formats': ['<i4', ('<f8', (2,))], 'offsets': [0, 8], 'itemsize': 24}))
            add('structured', np.zeros(2, dtype=[(('Title', 'a'), '<i4'), ('b', '<f8')]))
            add('structured', np.array([(7,)], dtype=[('only', 'u2')]))
            add('structured', np.array([(1.5, 'x')] * 4, dtype=[('v', 'f2'), ('w', 'U1')]).reshape(2, 2))

            add('zerod', np.array(True))
            add('zerod', np.array(3.5))
            add('zerod', np.array(5, dtype='i4'))
            add('zerod', np.array(1e-20, dtype='f4'))
            add('zerod', np.array(1 + 1j, dtype='c8'))
            add('zerod', np.array('2020-02-02', dtype='M8[D]'))
            add('zerod', np.array(b'xy'))
            add('zerod', np.array('héllo'))
            add('zerod', np.array((1, True), dtype=[('a', '<i4'), ('b', '?')]))
            add('zerod', np.array(np.datetime64('NaT')))

            add('empty', np.zeros(0))
            add('empty', np.zeros(0, dtype='i4'))
            add('empty', np.zeros((2, 0, 3), dtype='i2'))
            add('empty', np.ones((0, 5), dtype='U3'))
            add('empty', np.zeros(0, dtype=[('a', 'i1')]))
            add('empty', np.zeros((0,), dtype='M8[s]'))

            add('large', np.arange(5000, dtype='f8') / 7)
            add('large', np.arange(1001.0))
            add('large', np.arange(2000 * 3000, dtype='i4').reshape(2000, 3000))
            add('large', rng.random((20, 30, 40)))
            add('large', np.arange(3000, dtype='u1').reshape(3, 1000))
            add('large', np.arange(7000, dtype='i8').reshape(7, 1000))
            add('large', np.zeros((1001, 1), dtype='?'))
            add('large', np.zeros(1200, dtype=[('x', '<f8'), ('y', 'S5')]))
            add('large', rng.standard_normal(100000).astype('f4'))
            add('large', np.array(['w%d' % i for i in range(2000)]))

            add('fortran', np.asfortranarray(np.arange(24, dtype='<u2').reshape(4, 6)))
            add('fortran', np.asfortranarray(rng.random((5, 400))))
            add('fortran', np.asfortranarray(rng.integers(0, 100, (40, 30, 2))))
            add('fortran', np.asfortranarray(np.arange(5000.0).reshape(50, 100)))

            a = rng.random((3000, 5))
            np.save('rows.npy', a)
            for s in ['0:10', '10:', ':3', '-4:', '2990:3000', '100:100', '5:2']:
                lo, hi = s.split(':')
                add('rows', None, ['--rows', s], a[int(lo) if lo else None:int(hi) if hi else None], file='rows.npy')
            f = np.asfortranarray(np.arange(6000.0).reshape(1000, 6))
            np.save('rowsf.npy', f)
            add('rows', None, ['--rows', '3:9'], f[3:9], file='rowsf.npy')
            add('rows', None, ['--rows', '0:400'], f[0:400], file='rowsf.npy')

            st = np.array([(i, i / 3, b'r%d' % i) for i in range(1500)], dtype=[('a', '<i4'), ('b', '<f8'), ('c', 'S5')])
            add('columns', st, name='columns_struct')
            add('columns', None, ['--columns', 'c,a'], rfn.repack_fields(st[['c', 'a']]), file='columns_struct.npy')
            add('columns', None, ['--columns', 'b'], rfn.repack_fields(st[['b']]), file='columns_struct.npy')
            add('columns', None, ['--columns', 'b', '--rows', '5:8'], rfn.repack_fields(st[5:8][['b']]), file='columns_struct.npy')
            m = np.arange(60).reshape(10, 6)
            add('columns', m, name='columns_2d')
            for spec, idx in [('0,2:5,-1', [0, 2, 3, 4, -1]), ('3', [3]), (':2', [0, 1]), ('-2:', [4, 5])]:
                add('columns', None, ['--columns', spec], m[:, idx], file='columns_2d.npy')
            w = np.arange(400 * 300, dtype='i2').reshape(400, 300)
            np.save('wide.npy', w)
            add('columns', None, ['--columns', '1:5'], w[:, 1:5], file='wide.npy')
            add('columns', None, ['--columns', '0,299', '--rows', '10:20'], w[10:20][:, [0, 299]], file='wide.npy')
            t = np.asfortranarray(np.arange(2 * 5 * 3).reshape(2, 5, 3))
            np.save('cube.npy', t)
            add('columns', None, ['--columns', '4,0'], t[:, [4, 0]], file='cube.npy')

            x = np.arange(4000.0)
            y = np.arange(10, dtype='u1')
            np.savez('stored.npz', x=x, y=y)
            np.savez_compressed('deflated.npz', x=x, y=y)
            for f in ['stored.npz', 'deflated.npz']:
                add('npz', None, ['--name', 'x'], x, file=f)
                add('npz', None, ['--name', 'y.npy'], y, file=f)
                add('npz', None, ['--name', 'x', '--rows', '3990:'], x[3990:], file=f)

            big = np.lib.format.open_memmap('huge.npy', mode='w+', dtype='<f8', shape=(10 ** 9,))
            big[:3] = [1.5, -2, 3]
            big[-3:] = [7, 8, 9.25]
            big.flush()
            cases.append(dict(name='huge', family='huge', file='huge.npy', args=[], expected=repr(np.asarray(np.load('huge.npy', mmap_mode='r')))))
            del big

            np.save('longdouble.npy', np.zeros(2, dtype='<f16'))
            d = np.arange(100000.0)
            np.savez('damaged.npz', x=d)
            raw = bytearray(open('damaged.npz', 'rb').read())
            with zipfile.ZipFile('damaged.npz') as z:
                info = z.getinfo('x.npy')
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 128
            raw[start + 400000] ^= 0xFF
            open('damaged.npz', 'wb').write(raw)
            cases.append(dict(name='damaged', family='damaged', file='damaged.npz', args=[], expected=repr(d)))
            print(json.dumps(cases))
            """;
    }
}
