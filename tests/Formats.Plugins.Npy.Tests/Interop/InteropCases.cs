namespace Formats.Plugins.Npy.Tests.Interop;

/// <summary>
/// Every array the interop suite exchanges with NumPy: a name and the Python expression NumPy builds it from.
/// <c>filled(dtype, shape, order)</c> fills every byte (padding included) with a counter; <c>header_only(descr, shape)</c>
/// writes a file through <c>numpy.lib.format</c> for zero-width dtypes that <c>np.save</c> cannot instantiate;
/// <c>hand_written(descr, shape)</c> writes a header with a descr <c>np.save</c> never writes (counter-filled data) as
/// <c>hw_NAME.npy</c>, and <c>np_NAME.npy</c> is then <c>np.save</c> of what <c>np.load</c> made of it.
/// </summary>
public static class InteropCases
{
    public static IReadOnlyList<(string Name, string Python)> All { get; } =
    [
        // bool and integers, extremes included
        ("bool", "np.array([True, False, True, True])"),
        ("int8", "np.array([-128, -1, 0, 1, 127], dtype='i1')"),
        ("int16", "np.array([-32768, -1, 0, 1, 32767], dtype='<i2')"),
        ("int32", "np.array([np.iinfo('i4').min, -1, 0, 1, np.iinfo('i4').max], dtype='<i4')"),
        ("int64", "np.array([np.iinfo('i8').min, -1, 0, 1, np.iinfo('i8').max], dtype='<i8')"),
        ("uint8", "np.array([0, 1, 128, 255], dtype='u1')"),
        ("uint16", "np.array([0, 1, 65535], dtype='<u2')"),
        ("uint32", "np.array([0, 1, np.iinfo('u4').max], dtype='<u4')"),
        ("uint64", "np.array([0, 1, np.iinfo('u8').max], dtype='<u8')"),

        // floats and complex, with signed zero, infinities, NaN and subnormals
        ("float16", "np.array([0.0, -0.0, 1.5, np.inf, -np.inf, np.nan, 65504, 6e-08], dtype='<f2')"),
        ("float32", "np.array([0.0, -0.0, 1.5, np.inf, -np.inf, np.nan, 3.4e38, 1e-45], dtype='<f4')"),
        ("float64", "np.array([0.0, -0.0, np.pi, np.inf, -np.inf, np.nan, 1.7e308, 5e-324], dtype='<f8')"),
        ("complex64", "np.array([1+2j, complex(-0.0, -np.inf), complex(np.nan, 1)], dtype='<c8')"),
        ("complex128", "np.array([1+2j, complex(-0.0, -np.inf), complex(np.nan, 1)], dtype='<c16')"),

        // big-endian numerics
        ("be_int16", "np.arange(-3, 4).astype('>i2')"),
        ("be_int32", "np.arange(-3, 4).astype('>i4')"),
        ("be_int64", "np.arange(-3, 4).astype('>i8') * 1000000007"),
        ("be_uint16", "np.arange(0, 7).astype('>u2') * 9000"),
        ("be_uint32", "np.arange(0, 7).astype('>u4') * 600000000"),
        ("be_uint64", "np.arange(0, 7).astype('>u8') * 2**60"),
        ("be_float16", "np.array([1.5, -2.25, np.inf], dtype='>f2')"),
        ("be_float32", "np.array([1.5, -2.25, np.nan], dtype='>f4')"),
        ("be_float64", "np.array([np.pi, -np.e, -0.0], dtype='>f8')"),
        ("be_complex64", "np.array([1+2j, -3.5-4.25j], dtype='>c8')"),
        ("be_complex128", "np.array([1+2j, -3.5-4.25j], dtype='>c16')"),

        // long double and complex long double: platform-defined (x87 extended padded to 16 bytes here), passed through
        ("longdouble", "np.array([0.0, -0.0, 1.5, np.inf, -np.inf, np.nan, np.finfo('<f16').max, np.finfo('<f16').smallest_subnormal], dtype='<f16')"),
        ("longdouble_2d", "np.arange(12, dtype='<f16').reshape(3, 4) / 7"),
        ("longdouble_fortran", "np.asfortranarray(np.arange(6, dtype='<f16').reshape(2, 3) - 2.5)"),
        ("longdouble_0d", "np.array(np.pi, dtype='<f16')"),
        ("clongdouble", "np.array([1+2j, complex(-0.0, -np.inf), complex(np.nan, 1)], dtype='<c32')"),
        ("be_longdouble", "np.array([1.5, -2.25, np.inf, np.nan], dtype='>f16')"),
        ("be_clongdouble", "np.array([1+2j, -3.5-4.25j], dtype='>c32')"),

        // datetime64 and timedelta64 in several units, generic and multiples included
        ("datetime_ns", "np.array(['2021-03-04T05:06:07.123456789', 'NaT', '1970-01-01'], dtype='<M8[ns]')"),
        ("datetime_s", "np.array(['2021-03-04T05:06:07', '1900-01-01T00:00:00', 'NaT'], dtype='<M8[s]')"),
        ("datetime_D", "np.array(['2021-03-04', '0001-01-01', '9999-12-31'], dtype='<M8[D]')"),
        ("datetime_generic", "np.array(['NaT', 'NaT'], dtype='<M8')"),
        ("datetime_25s", "np.arange(4, dtype='<i8').view('<M8[25s]')"),
        ("datetime_be_ns", "np.array(['2021-03-04T05:06:07.5', 'NaT'], dtype='>M8[ns]')"),
        ("timedelta_ns", "np.array([1, -2, 3000000000], dtype='<m8[ns]')"),
        ("timedelta_s", "np.array([1, -2, 'NaT'], dtype='<m8[s]')"),
        ("timedelta_D", "np.array([1, -2, 365], dtype='<m8[D]')"),
        ("timedelta_generic", "np.array([1, -2, 3], dtype='<m8')"),
        ("timedelta_25s", "np.array([1, -2, 3], dtype='<m8[25s]')"),

        // bytes, unicode and void
        ("bytes1", "np.array([b'a', b'', b'z'], dtype='S1')"),
        ("bytes5", "np.array([b'hello', b'a\\x00b', b'', b'\\xff\\xfe'], dtype='S5')"),
        ("bytes0", "header_only('|S0', (3,))"),
        ("unicode1", "np.array(['a', '', '\\u00e9'], dtype='<U1')"),
        ("unicode6", "np.array(['h\\u00e9llo', '\\u65e5\\u672c\\u8a9e', '\\U0001F600x', ''], dtype='<U6')"),
        ("unicode_be", "np.array(['ab', '\\u00e9\\U0001F600', ''], dtype='>U4')"),
        ("unicode0", "header_only('<U0', (2,))"),
        ("void4", "np.array([b'\\x00\\x01\\x02\\x03', b'abcd'], dtype='V4')"),
        ("void3", "filled('V3', (3,))"),
        ("void0", "np.zeros(3, 'V0')"),

        // structured
        ("struct_packed", "np.array([(1, 2.5, b'ab'), (-3, np.nan, b'')], dtype=[('i', '<i4'), ('f', '<f8'), ('s', 'S2')])"),
        ("struct_nested", "filled([('pos', [('x', '<f4'), ('y', '<f4')]), ('id', '<u2'), ('inner', [('deep', [('v', '<i1', (2,))])])], (3,))"),
        ("struct_subarray", "filled([('m', '<f4', (2, 3)), ('v', '<i2', (4,)), ('s', 'S2', (2,)), ('n', [('a', '<u2')], (2,))], (3,))"),
        ("struct_offsets", "filled({'names': ['a', 'b'], 'formats': ['<i2', '<f8'], 'offsets': [2, 8], 'itemsize': 24}, (2,))"),
        ("struct_aligned", "filled(np.dtype([('a', 'i1'), ('b', '<i8'), ('c', '<i2')], align=True), (3,))"),
        ("struct_titles", "filled({'names': ['a', 'b'], 'formats': ['<i4', '<u2'], 'titles': ['Alpha title', None]}, (2,))"),
        ("struct_bigendian", "np.array([(1, 2.5, 1+2j, 'h\\u00e9', 7)], dtype=[('a', '>i4'), ('b', '>f8'), ('c', '>c8'), ('d', '>U2'), ('e', '<u2')])"),
        ("struct_latin1_names", "filled([('caf\\u00e9', '<i4'), ('na\\u00efve\\xa0x', '<f4')], (2,))"),
        ("struct_non_latin1_name", "filled([('\\u6e29\\u5ea6', '<f4'), ('x', '<i2')], (2,))"),
        ("struct_quoted_names", "filled([(\"it's\", '<i4'), ('say \"hi\"', '<i2'), ('back\\\\slash', 'u1'), ('both \\'\"', 'u1')], (2,))"),
        ("struct_zero_width_fields", "np.array([(b'', 5, ''), (b'', -1, '')], dtype=[('a', 'S0'), ('b', '<i4'), ('c', '<U0')])"),
        ("struct_empty", "np.zeros(2, np.dtype([]))"),
        ("struct_0d", "filled([('a', '<i4'), ('b', 'S3')], ())"),
        ("struct_longdouble", "np.array([(1, 1.5, 2-1j, [0.25, -0.5]), (-2, np.nan, 0j, [np.inf, 0])], dtype=[('i', '<i4'), ('ld', '<f16'), ('c', '>c32'), ('v', '>f16', (2,))])"),
        ("struct_empty_name", "hand_written([('', '<i4'), ('b', '<f8')], (3,))"),
        ("struct_empty_names_nested", "hand_written([('a', '<i2'), ('', '|V2'), ('', '<f16'), (('t', 'f0'), '|u1'), ('n', [('', '<i4'), ('y', '>c32')])], (2,))"),
        ("struct_empty_name_subarray_is_padding", "hand_written([('', '<i4', (2,)), ('a', '<i4')], (2,))"),
        ("struct_datetime", "np.array([('2020-01-01', 5)], dtype=[('t', '<M8[ms]'), ('d', '>m8[25s]')])"),

        // order, rank and size
        ("fortran_2d", "filled('<i4', (2, 3), 'F')"),
        ("fortran_3d", "filled('<f8', (2, 3, 4), 'F')"),
        ("fortran_be", "filled('>i2', (3, 4), 'F')"),
        ("fortran_struct_subarray", "filled([('a', '<i2', (2,)), ('b', 'u1')], (2, 3), 'F')"),
        ("fortran_column", "np.asfortranarray(np.arange(3.0).reshape(3, 1))"),
        ("c_3d", "filled('<u2', (2, 3, 4))"),
        ("zero_d", "np.array(3.5)"),
        ("zero_d_be", "np.array(7, dtype='>i8')"),
        ("zero_d_bytes", "np.array(b'xyz')"),
        ("empty_1d", "np.zeros((0,), '<f8')"),
        ("empty_2d", "np.zeros((0, 3), '<i2')"),
        ("empty_fortran", "np.zeros((3, 0), '<i2', order='F')"),
        ("empty_struct", "np.zeros((0,), [('a', '<i4')])"),

        // header versions: > 65535 bytes is 2.0, non-latin-1 is 3.0 (struct_non_latin1_name), both is 3.0
        ("header_v2", "filled([('field%05d' % i, '<u1') for i in range(3500)], (2,))"),
        ("header_v3_large", "filled([('\\u00b5\\u5b57%05d' % i, '<u1') for i in range(3500)], (2,))"),
    ];

    /// <summary>Arrays built in C# through the typed API, each next to the NumPy expression for the same array.</summary>
    public static IReadOnlyList<(string Name, string Python)> Typed { get; } =
    [
        ("typed_bool", "np.array([True, False, True])"),
        ("typed_int64_2x3", "np.arange(-3, 3, dtype='<i8').reshape(2, 3)"),
        ("typed_half", "np.array([1.5, -0.0, 65504], dtype='<f2')"),
        ("typed_complex64", "np.array([1+2j, -3-4j], dtype='<c8')"),
        ("typed_complex128", "np.array([1+2j, -3-4j], dtype='<c16')"),
        ("typed_fortran_double", "np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3))"),
        ("typed_uint16_0d", "np.array(42, dtype='<u2')"),
    ];

    /// <summary>Cases whose <c>hw_NAME.npy</c> holds a hand-written header.</summary>
    public static TheoryData<string> HandWrittenNames => [.. All.Where(c => c.Python.StartsWith("hand_written(", StringComparison.Ordinal)).Select(c => c.Name)];

    /// <summary>Cases whose header exceeds NumPy's default <c>max_header_size</c>.</summary>
    public static bool NeedsLargeHeader(string name) => name.StartsWith("header_", StringComparison.Ordinal);

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];
}
