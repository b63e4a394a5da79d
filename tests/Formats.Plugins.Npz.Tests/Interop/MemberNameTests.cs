using System.Text.Json;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Interop;

/// <summary>
/// Member names are exactly what <c>np.load(f).files</c> shows (issue #19 item 11): <c>np.savez(f, **{'x.npy': a})</c>
/// makes the member <c>x.npy.npy</c>, the array <c>x.npy</c>; <c>**{'': a}</c> makes <c>.npy</c>, the array <c>''</c>.
/// Every listed name reads its own array, and conversions keep the names.
/// </summary>
public sealed class MemberNameTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    // Not {'x.npy': a, 'x': b}: NumPy's z['x.npy'] is then the member x.npy (b), so it cannot read its own listed 'x.npy'.
    public static TheoryData<string> Archives => ["{'x.npy': a, 'y': b}", "{'': a, 'b': b}", "{'': a}", "{'a.npy.npy': a, '.npy': b}"];

    [Theory]
    [MemberData(nameof(Archives))]
    public async Task NamesRoundTripAsNumPyListsThem(string members)
    {
        var files = Describe(members, "in.npz");
        using (var reader = NpzTest.Open(dir.File("in.npz")))
        {
            Assert.Equal(files.Keys, reader.Names);
        }

        foreach (var (name, values) in files)
        {
            using var array = NpzTest.Files.Read(dir.File("in.npz"), new ReadRequest { Member = name });
            Assert.Equal(values, Convert.ToHexStringLower(array.GetBytes()));
        }

        // Archive to archive keeps every name; to a folder, each array is its name plus .npy, as np.savez names members.
        await NpzTest.Files.ConvertAsync(dir.File("in.npz"), dir.File("out.npz"));
        Assert.Equal(files, Reload("out.npz"));
        await NpzTest.Files.ConvertAsync(dir.File("in.npz"), dir.File("folder") + "/");
        Assert.Equal(files.Keys.Select(k => k + ".npy").Order(StringComparer.Ordinal), Directory.GetFiles(dir.File("folder")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (name, values) in files)
        {
            using var array = NpzTest.Files.Read(Path.Combine(dir.File("folder"), name + ".npy"));
            Assert.Equal(values, Convert.ToHexStringLower(array.GetBytes()));
        }

        // The command line: verify reads every member, and a single member is named as listed.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await Formats.Host.CommandLine.RunAsync(["verify", dir.File("in.npz")], stdout, stderr));
        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, await Formats.Host.CommandLine.RunAsync(["convert", dir.File("in.npz"), dir.File("one.npz"), "--name", files.Keys.First()], stdout, stderr));
        Assert.Equal(files.Take(1).ToDictionary(), Reload("one.npz"));
    }

    [Fact]
    public void AnEmptyNameIsNotPositional()
    {
        // Only a null name is positional (arr_0): NumPy saves '' as the member '.npy'.
        var stream = new MemoryStream();
        using (var writer = NpzTest.Format.CreateWriter(stream, ArrayWriteOptions.Default))
        {
            foreach (var name in new[] { "", null })
            {
                using var data = writer.BeginArray(name, ArrayHeader.Create(DType.UInt8, 1));
                data.Write([7]);
                data.Complete();
            }

            writer.Complete();
        }

        using var reader = NpzTest.Format.CreateReader(new MemoryStream(stream.ToArray()), ArrayReadOptions.Default);
        Assert.Equal(["", "arr_0"], reader.Names);
    }

    // NumPy writes the archive and lists it: name -> hex of the array's bytes, in np.load(f).files order.
    private Dictionary<string, string> Describe(string members, string file) => Json(NumPy.Run($$"""
        a = np.arange(5, dtype='<i4')
        b = np.linspace(0, 1, 3)
        np.savez({{NpzTest.Py(file)}}, **{{members}})
        z = np.load({{NpzTest.Py(file)}})
        print(json.dumps([[k, z[k].tobytes().hex()] for k in z.files]))
        """, dir.Path));

    private Dictionary<string, string> Reload(string file) => Json(NumPy.Run($$"""
        z = np.load({{NpzTest.Py(file)}})
        print(json.dumps([[k, z[k].tobytes().hex()] for k in z.files]))
        """, dir.Path));

    private static Dictionary<string, string> Json(string text) =>
        JsonSerializer.Deserialize<string[][]>(text)!.ToDictionary(p => p[0], p => p[1]);
}
