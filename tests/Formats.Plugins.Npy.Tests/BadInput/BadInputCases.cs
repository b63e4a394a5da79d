using System.Text;
using Formats.Plugins.Npy.Tests.Support;

namespace Formats.Plugins.Npy.Tests.BadInput;

/// <summary>One malformed or refused input and what the library must say about it.</summary>
/// <param name="Name">The case.</param>
/// <param name="FileName">The file name to store it under (the extension routes headerless input).</param>
/// <param name="Bytes">The file.</param>
/// <param name="Expected">The exception type (exactly).</param>
/// <param name="Fragment">Text the problem statement must contain.</param>
/// <param name="Request">How to read it (raw layout, raised header limit).</param>
/// <param name="CliArgs">The same read on the command line (after INPUT OUTPUT); null when the CLI cannot express it.</param>
/// <param name="Hostile">The file claims far more than it holds: reading it must not allocate what it claims.</param>
public sealed record BadInputCase(
    string Name, string FileName, byte[] Bytes, Type Expected, string Fragment, ReadRequest Request, string[]? CliArgs, bool Hostile = false);

public static class BadInputCases
{
    private static readonly Type Malformed = typeof(MalformedArrayException);
    private static readonly Type Unsupported = typeof(UnsupportedArrayException);
    private static readonly Type General = typeof(ArrayFormatException);

    private static readonly byte[] ThreeDoubles = new byte[24];

    public static IReadOnlyList<BadInputCase> All { get; } = Build();

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static TheoryData<string> CliNames => [.. All.Where(c => c.CliArgs is not null).Select(c => c.Name)];

    public static TheoryData<string> HostileNames => [.. All.Where(c => c.Hostile).Select(c => c.Name)];

    public static BadInputCase Get(string name) => All.Single(c => c.Name == name);

    private static List<BadInputCase> Build()
    {
        var raised = new ReadRequest { MaxHeaderSize = int.MaxValue };
        var cases = new List<BadInputCase>();

        void Npy(string name, byte[] bytes, Type type, string fragment, bool hostile = false, ReadRequest? request = null) =>
            cases.Add(new(name, name + ".npy", bytes, type, fragment, request ?? ReadRequest.Default, request is null ? [] : null, hostile));

        void Header(string name, string header, Type type, string fragment, byte major = 1, byte[]? data = null, bool hostile = false) =>
            Npy(name, NpyBytes.File(header, major, data: data ?? ThreeDoubles), type, fragment, hostile);

        void Raw(string name, byte[] bytes, RawLayout? layout, string fragment, Type type, string[] cli, bool hostile = false) =>
            cases.Add(new(name, name + ".dat", bytes, type, fragment, new ReadRequest { Layout = layout }, cli, hostile));

        // --- preamble: magic, version, header length
        Npy("empty_file", [], Malformed, "file ends inside the NPY magic string");
        Npy("bad_magic", Encoding.Latin1.GetBytes("\u0093NUMPX\u0001\u0000v\u0000{}"), Malformed, "magic string \\x93NUMPY is missing");
        // Every built-in format is loaded (as in the program): the zip magic routes it to NPZ, which refuses it in its terms.
        Npy("zip_named_npy", [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 0, 0], Malformed, "not a zip");
        Npy("version_0_0", NpyBytes.File(NpyBytes.Dict(), 0, data: ThreeDoubles), Malformed, "unsupported NPY format version 0.0");
        Npy("version_1_1", NpyBytes.File(NpyBytes.Dict(), 1, 1, ThreeDoubles), Malformed, "unsupported NPY format version 1.1");
        Npy("version_4_0", NpyBytes.File(NpyBytes.Dict(), 4, data: ThreeDoubles), Malformed, "unsupported NPY format version 4.0");
        Npy("ends_in_version", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1], Malformed, "ends before the NPY version bytes");
        Npy("ends_in_length", [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0x10], Malformed, "file ends inside the NPY header length");
        Npy("v1_length_past_end", NpyBytes.Preamble(1, 0, 9_000, 90), Malformed, "claims more than the 90 bytes left", hostile: true);
        Npy("v2_length_4gib", NpyBytes.Preamble(2, 0, uint.MaxValue, 16), Malformed, "claims more than the 16 bytes left", hostile: true);
        Npy("v3_length_4gib_raised_limit", NpyBytes.Preamble(3, 0, uint.MaxValue - 1, 16), Malformed, "claims more than the 16 bytes left",
            hostile: true, request: raised);
        Npy("header_over_default_limit", NpyBytes.File(NpyBytes.Dict() + new string(' ', 12_000), data: ThreeDoubles), Malformed,
            "exceeds the limit of 10000", hostile: true);
        Npy("v3_invalid_utf8", NpyBytes.File(NpyBytes.Dict(), 3, data: ThreeDoubles).Select(b => b == (byte)'f' ? (byte)0xFF : b).ToArray(),
            Malformed, "not valid UTF-8");

        // --- the dict literal
        // NumPy's limits (issue #19 item 12): 64 dimensions, and the item size times the non-zero lengths within intp.
        Header("dims_65", NpyBytes.Dict(shape: "(" + string.Join(", ", Enumerable.Repeat("1", 65)) + ")"), Malformed, "shape has 65 dimensions; NumPy arrays have at most 64", data: new byte[8]);
        Header("size_over_intp", NpyBytes.Dict(shape: "(0, 9223372036854775807)"), Malformed, "shape (0, 9223372036854775807) of 8-byte items is too big for NumPy", data: []);
        // Issue #19 item 14: np.load's literal_eval refuses source holding a NUL byte, even inside a field name.
        Header("nul_in_field_name", "{'descr': [('a\0b', '<i4')], 'fortran_order': False, 'shape': (2,), }", Malformed, "NPY header holds a NUL byte at character 14, which np.load refuses", data: new byte[8]);
        Header("missing_key", "{'descr': '<f8', 'shape': (3,), }", Malformed, "lacks the key(s) 'fortran_order'");
        Header("extra_key", "{'descr': '<f8', 'extra': 1, 'fortran_order': False, 'shape': (3,), }", Malformed, "unexpected key 'extra'");
        Header("duplicate_key", "{'descr': '<f8', 'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", Malformed, "key 'descr' appears twice");
        Header("non_dict_header", "['descr', '<f8', 'fortran_order', False, 'shape', (3,)]", Malformed, "not a dictionary");
        Header("unterminated_string", "{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }", Malformed, "header literal is malformed");
        Header("unclosed_string", "{'descr': '<f8", Malformed, "string is not closed");
        Header("function_call", NpyBytes.Dict(descr: "__import__('os').system('echo pwned')"), Malformed, "names and calls are never evaluated");
        Header("depth_bomb", NpyBytes.Dict(descr: new string('[', 4000) + new string(']', 4000)), Malformed, "nests deeper than 64 levels");
        Header("trailing_text", NpyBytes.Dict() + " extra", Malformed, "unexpected text after the literal");
        Header("nul_in_header", NpyBytes.Dict().Replace(", 'shape'", ",\0'shape'", StringComparison.Ordinal), Malformed, "NPY header holds a NUL byte at character 40, which np.load refuses");
        Header("python2_long_in_v3", NpyBytes.Dict(shape: "(3L,)"), Malformed, "'L' suffix is not accepted", major: 3);

        // --- descr
        Header("descr_unknown_code", NpyBytes.Dict(descr: "'<q9'"), Malformed, "'<q9' is not a valid dtype descriptor");
        Header("descr_bad_size", NpyBytes.Dict(descr: "'<i3'"), Unsupported, "no Int dtype of 3 bytes");
        Header("descr_not_a_type", NpyBytes.Dict(descr: "5"), Malformed, "descr is not a valid dtype descriptor: 5");
        Header("descr_bad_datetime_unit", NpyBytes.Dict(descr: "'<M8[fortnight]'"), Malformed, "unknown datetime unit 'fortnight'");
        Header("descr_object", NpyBytes.Dict(descr: "'|O'"), Unsupported, "pickles");
        Header("descr_struct_with_object", NpyBytes.Dict(descr: "[('a', '<i4'), ('b', '|O')]"), Unsupported, "pickles");
        Header("descr_float10", NpyBytes.Dict(descr: "'<f10'"), Unsupported, "no Float dtype of 10 bytes");
        Header("descr_longdouble_code", NpyBytes.Dict(descr: "'g'"), Unsupported, "long double dtype ('g') has a platform-defined size");
        Header("descr_duplicate_field", NpyBytes.Dict(descr: "[('a', '<i4'), ('a', '<f4')]"), Malformed, "field name 'a' appears twice");
        Header("descr_field_name_not_string", NpyBytes.Dict(descr: "[(1, '<i4')]"), Malformed, "field name is not a string");
        Header("descr_field_not_tuple", NpyBytes.Dict(descr: "['a', '<i4']"), Malformed, "is not a (name, type) or (name, type, shape) tuple");
        Header("descr_subarray_negative", NpyBytes.Dict(descr: "[('a', '<i4', (-1,))]"), Malformed, "subarray dimension -1 is negative");
        Header("descr_subarray_overflow", NpyBytes.Dict(descr: "[('a', '<i4', (4611686018427387904, 4))]"), Malformed, "overflows 64 bits");
        Header("descr_top_level_subarray", NpyBytes.Dict(descr: "('<i4', (2,))"), Unsupported, "a subarray type, which NumPy cannot load");
        Header("descr_unicode_too_long", NpyBytes.Dict(descr: "'<U999999999'"), Unsupported, "unicode length 999999999 is too large");

        // --- shape and fortran_order
        Header("shape_negative", NpyBytes.Dict(shape: "(-1,)"), Malformed, "negative dimension");
        Header("shape_product_overflow", NpyBytes.Dict(shape: "(4611686018427387904, 4611686018427387904)"), Malformed, "overflows 64 bits", hostile: true);
        Header("shape_power_expression", NpyBytes.Dict(shape: "(2**62, 2**62)"), Malformed, "expected ')' but found '*'");
        Header("shape_int_not_tuple", NpyBytes.Dict(shape: "(1)"), Malformed, "'shape' is not a tuple of integers");
        Header("shape_list", NpyBytes.Dict(shape: "[3]"), Malformed, "'shape' is not a tuple of integers");
        Header("shape_float", NpyBytes.Dict(shape: "(3.0,)"), Malformed, "only decimal integers are accepted");
        Header("shape_bool", NpyBytes.Dict(shape: "(True,)"), Malformed, "'shape' is not a tuple of integers");
        Header("shape_beyond_64_bits", NpyBytes.Dict(shape: "(99999999999999999999,)"), Malformed, "does not fit in 64 bits");
        Header("fortran_order_int", NpyBytes.Dict(fortran: "0"), Malformed, "'fortran_order' is not True or False");
        Header("fortran_order_string", NpyBytes.Dict(fortran: "'False'"), Malformed, "'fortran_order' is not True or False");

        // --- data
        Header("data_short", NpyBytes.Dict(), Malformed, "data is truncated", data: new byte[20]);
        Header("data_claims_terabytes", NpyBytes.Dict(shape: "(1099511627776,)"), Malformed, "data is truncated", hostile: true);
        Header("void_items_of_2gib", NpyBytes.Dict(descr: "'|V2147483647'", shape: "(4,)"), Malformed, "data is truncated", hostile: true);

        // --- raw buffers
        Raw("raw_not_whole_items", new byte[10], new RawLayout(DType.Float32), "not a whole number of 4-byte", Malformed, ["--dtype", "<f4"]);
        Raw("raw_shorter_than_shape", new byte[16], new RawLayout(DType.Float32, new ArrayShape(3, 2)), "fewer than the 24", Malformed,
            ["--dtype", "<f4", "--shape", "3,2"]);
        Raw("raw_longer_than_shape", new byte[32], new RawLayout(DType.Float32, new ArrayShape(3, 2)), "more than the 24", Malformed,
            ["--dtype", "<f4", "--shape", "3,2"]);
        Raw("raw_offset_past_end", new byte[16], new RawLayout(DType.Float32, null, 100), "offset 100 is past the end of the 16-byte file", Malformed,
            ["--dtype", "<f4", "--offset", "100"]);
        Raw("raw_negative_offset", new byte[16], new RawLayout(DType.Float32, null, -4), "offset -4 is negative", General,
            ["--dtype", "<f4", "--offset", "-4"]);
        Raw("raw_no_dtype", new byte[16], null, "a raw buffer has no header", General, []);
        Raw("raw_huge_shape", new byte[16], new RawLayout(DType.Float64, new ArrayShape(1L << 40)), "fewer than the 8796093022208", Malformed,
            ["--dtype", "<f8", "--shape", "1099511627776"], hostile: true);
        Raw("raw_zero_size_items", new byte[16], new RawLayout(DType.Void(0)), "zero-size items", General, ["--dtype", "|V0"]);
        return cases;
    }
}
