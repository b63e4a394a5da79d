using Formats.Plugins.Npz.Tests.Support;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Engine;

/// <summary>
/// Defects found by trying the tool as a new user would: each failed run must leave every file and folder as it
/// was, every bad argument must give one error line, and NumPy's own files must read as NumPy reads them.
/// </summary>
public sealed class EngineDefectTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ALevelThatIsNotANumberIsOneUsageError()
    {
        NumPy.Run("np.save('a.npy', np.arange(5))", dir.Path);
        var (code, stdout, stderr) = await Cli("convert", dir.File("a.npy"), dir.File("out.npz"), "--level", "max");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("error: --level must be a whole number from 0 to 9, not 'max'", stderr.Trim());
        Assert.False(File.Exists(dir.File("out.npz")));
        Assert.Equal(2, (await Cli("convert", dir.File("a.npy"), dir.File("out.npz"), "--level", "12")).Code);
    }

    [Fact]
    public async Task AFailedExtractionLeavesTheFolderExactlyAsItWas()
    {
        var good = NpzTest.NpyBytes(10);
        var archive = dir.File("bad.npz");
        File.WriteAllBytes(archive, RawZip.Build(
        [
            RawMember.StoredMember("a.npy", good), RawMember.StoredMember("b.npy", good), RawMember.StoredMember("c.npy", good),
            RawMember.StoredMember("d.npy", good) with { Crc = 0xDEADBEEF },
        ]));
        var outdir = Directory.CreateDirectory(dir.File("outdir")).FullName;
        File.WriteAllText(Path.Combine(outdir, "a.npy"), "mine, not the archive's");

        var (code, _, stderr) = await Cli("convert", archive, outdir + "/");

        Assert.Equal(1, code);
        Assert.StartsWith($"error: {archive}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("CRC", stderr, StringComparison.Ordinal);
        Assert.Equal(["a.npy"], Directory.GetFileSystemEntries(outdir).Select(Path.GetFileName));
        Assert.Equal("mine, not the archive's", File.ReadAllText(Path.Combine(outdir, "a.npy")));
        Assert.Equal(["bad.npz", "outdir"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AMemberNameThatCannotBeAFileNameIsOneErrorLineNamingTheInputAndTheMember()
    {
        // Issue #19 item 13: "Null character in path. (Parameter 'path')", or the staging folder's path "too long".
        var longName = new string('a', 300);
        (string Member, string Problem)[] cases =
        [
            ("a\0b", "member name 'a\\x00b' cannot be a file name: it holds a NUL character"),
            (longName, $"member name '{longName}' cannot be a file name: 304 bytes with its extension, over the 255 a file name may have"),
            (new string('\u00e9', 126), $"member name '{new string('\u00e9', 126)}' cannot be a file name: 256 bytes with its extension, over the 255 a file name may have"),
        ];
        foreach (var (member, problem) in cases)
        {
            var archive = dir.File("names.npz");
            File.WriteAllBytes(archive, RawZip.Build([RawMember.StoredMember("ok.npy", NpzTest.NpyBytes(3)), RawMember.StoredMember(member + ".npy", NpzTest.NpyBytes(3))]));

            var (code, stdout, stderr) = await Cli("convert", archive, dir.File("D") + "/");

            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            Assert.Equal($"error: {archive}: {problem}\n", stderr);
            Assert.Equal(["names.npz"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        }
    }

    [Fact]
    public async Task ANulInAMemberNameToAnArchiveIsOnePrintableErrorLine()
    {
        var archive = dir.File("nul.npz");
        File.WriteAllBytes(archive, RawZip.Build([RawMember.StoredMember("a\0b.npy", NpzTest.NpyBytes(3))]));

        var (code, _, stderr) = await Cli("convert", archive, dir.File("out.npz"));

        Assert.Equal(1, code);
        Assert.Equal($"error: {dir.File("out.npz")}: member name 'a\\x00b' contains a NUL character, where Python's zipfile cuts a member name\n", stderr);
        Assert.False(File.Exists(dir.File("out.npz")));
    }

    [Fact]
    public async Task TheLongestFileNamesStillExtract()
    {
        // 251 characters and .npy: the longest name a file may have; the temporary file beside it must fit too.
        var member = new string('b', 251);
        var archive = dir.File("long.npz");
        File.WriteAllBytes(archive, RawZip.Build([RawMember.StoredMember(member + ".npy", NpzTest.NpyBytes(3))]));

        var (code, _, stderr) = await Cli("convert", archive, dir.File("D") + "/");

        Assert.True(code == 0, stderr);
        Assert.Equal([member + ".npy"], Directory.GetFiles(dir.File("D")).Select(Path.GetFileName));
        Assert.Equal(NpzTest.NpyBytes(3), File.ReadAllBytes(Path.Combine(dir.File("D"), member + ".npy")));
    }

    [Fact]
    public async Task AFailedExtractionIntoANewFolderLeavesNoFolder()
    {
        var archive = dir.File("bad.npz");
        File.WriteAllBytes(archive, RawZip.Build([RawMember.StoredMember("a.npy", NpzTest.NpyBytes(10)) with { Crc = 1 }]));

        await Assert.ThrowsAnyAsync<ArrayFormatException>(() => NpzTest.Files.ConvertAsync(archive, dir.File("new") + "/"));

        Assert.Equal(["bad.npz"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ASuccessfulExtractionCreatesTheFolderAndReplacesOnlyItsMembers()
    {
        NumPy.Run("np.savez('ok.npz', a=np.arange(3), b=np.ones(2))", dir.Path);
        var outdir = Directory.CreateDirectory(dir.File("existing")).FullName;
        File.WriteAllText(Path.Combine(outdir, "keep.txt"), "untouched");

        await NpzTest.Files.ConvertAsync(dir.File("ok.npz"), outdir + "/");
        await NpzTest.Files.ConvertAsync(dir.File("ok.npz"), dir.File("fresh") + "/");

        Assert.Equal(["a.npy", "b.npy", "keep.txt"], Directory.GetFiles(outdir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["a.npy", "b.npy"], Directory.GetFiles(dir.File("fresh")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('fresh/a.npy'), np.arange(3)))", dir.Path).Trim());
    }

    [Theory]
    [InlineData("no/such/dir/out.npy")]
    [InlineData("no/such/dir/")]
    public async Task AMissingOutputFolderIsAnErrorNamingIt(string output)
    {
        NumPy.Run("np.savez('a.npz', x=np.arange(3))", dir.Path);
        var target = dir.File(output);

        var (code, _, stderr) = await Cli("convert", dir.File("a.npz"), target);

        Assert.Equal(1, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.Contains(dir.File("no/such"), stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("no")));
    }

    [Fact]
    public async Task CompressWithLevelZeroIsStoredEverywhere()
    {
        using var array = NDArray.FromValues<int>([.. Enumerable.Range(0, 10_000)]);
        var request = new WriteRequest { Compress = true, CompressionLevel = 0 };

        await NpzTest.Files.WriteAsync(dir.File("z.npz"), [new("a", array)], request);

        Assert.False(new ArrayWriteOptions { Compress = true, CompressionLevel = 0 }.IsCompressed);
        Assert.True(new ArrayWriteOptions { CompressionLevel = 3 }.IsCompressed);
        Assert.False(Assert.Single(NpzTest.Files.Inspect(dir.File("z.npz")).Entries).Compressed);
        Assert.Equal("0", NumPy.Run("import zipfile; print(zipfile.ZipFile('z.npz').infolist()[0].compress_type)", dir.Path).Trim());
    }

    [Fact]
    public async Task InfoListsTheReadableMembersAndNamesTheBadOne()
    {
        var archive = dir.File("mixed.npz");
        File.WriteAllBytes(archive, RawZip.Build(
        [
            RawMember.StoredMember("a.npy", NpzTest.NpyBytes(10)),
            RawMember.StoredMember("bad.npy", "not an array at all"u8.ToArray()),
            RawMember.StoredMember("c.npy", NpzTest.NpyBytes(4)),
        ]));

        var (code, stdout, stderr) = await Cli("info", archive);
        var (jsonCode, json, _) = await Cli("info", archive, "--json");

        Assert.Equal(1, code);
        Assert.Contains("  a: dtype", stdout, StringComparison.Ordinal);
        Assert.Contains("  c: dtype", stdout, StringComparison.Ordinal);
        Assert.StartsWith($"error: {archive}: member 'bad.npy' is not an NPY array: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal(1, jsonCode);
        Assert.Contains("\"errors\":[{\"name\":\"bad\",\"error\":\"member 'bad.npy' is not an NPY array", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1:3")]
    [InlineData("-2:")]
    [InlineData("0:4")]
    public async Task RowsOfAFortranMemberAreWhatNpSaveWritesForTheSlice(string rows)
    {
        NumPy.Run("""
            f = np.asfortranarray(np.arange(60, dtype='<f8').reshape(4, 3, 5))
            np.savez('f.npz', f=f)
            np.savez_compressed('fz.npz', f=f)
            """, dir.Path);
        var (start, stop) = RowRange.ParseSlice(rows);
        NumPy.Run($"np.save('expected.npy', np.load('f.npz')['f'][{rows}])", dir.Path);

        foreach (var archive in new[] { "f.npz", "fz.npz" })
        {
            await NpzTest.Files.ConvertAsync(dir.File(archive), dir.File("got.npy"), new ReadRequest { Member = "f", RowStart = start, RowStop = stop });
            Assert.Equal(File.ReadAllBytes(dir.File("expected.npy")), File.ReadAllBytes(dir.File("got.npy")));
        }
    }

    [Fact]
    public void LargeRowReadsOfAStoredMemberAreReadWhereTheMemberStatesItsData()
    {
        // Over the engine's 16 MiB threshold: read positionally from the member's stated data range.
        NumPy.Run("np.savez('big.npz', small=np.arange(3), big=np.arange(6_000_000, dtype='<f8').reshape(3_000_000, 2))", dir.Path);

        using var rows = NpzTest.Files.Read(dir.File("big.npz"), new ReadRequest { Member = "big", RowStart = 100, RowStop = 2_900_000 });

        Assert.Equal(new ArrayShape(2_899_900, 2), rows.Shape);
        Assert.Equal(200.0, rows.AsSpan<double>(0, 1)[0]);
        Assert.Equal(5_799_999.0, rows.AsSpan<double>(rows.ElementCount - 1, 1)[0]);
        Assert.Equal(NumPy.Run("import hashlib; print(hashlib.sha256(np.load('big.npz')['big'][100:2_900_000].tobytes()).hexdigest())", dir.Path).Trim(),
            NpzTest.Sha256(rows.GetBytes()));
    }

    [Fact]
    public async Task AnExtractionBlockedByAFolderLeavesEveryExistingFileAsItWas()
    {
        NumPy.Run("np.savez('ab.npz', a=np.arange(3), b=np.arange(4), c=np.arange(5), d=np.arange(6))", dir.Path);
        var outdir = Directory.CreateDirectory(dir.File("outdir")).FullName;
        foreach (var name in new[] { "a.npy", "b.npy", "d.npy" })
        {
            File.WriteAllText(Path.Combine(outdir, name), "old " + name);
        }

        Directory.CreateDirectory(Path.Combine(outdir, "c.npy"));

        var (code, _, stderr) = await Cli("convert", dir.File("ab.npz"), outdir + "/");

        Assert.Equal(1, code);
        Assert.Contains("c.npy: a folder of that name is in the way", stderr, StringComparison.Ordinal);
        foreach (var name in new[] { "a.npy", "b.npy", "d.npy" })
        {
            Assert.Equal("old " + name, File.ReadAllText(Path.Combine(outdir, name)));
        }

        Assert.Equal(["a.npy", "b.npy", "c.npy", "d.npy"], Directory.GetFileSystemEntries(outdir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["ab.npz", "outdir"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void EveryRowOfALargeStoredMemberIsCrcCheckedHoweverAskedFor(long? start)
    {
        // Over 16 MiB, so the engine could read the member positionally; reading all of it must still check its CRC.
        var content = NpzTest.NpyBytes(ArrayHeader.Create(DType.Float64, 3_000_000), new byte[24_000_000]);
        content[^100] ^= 1;
        var archive = dir.File("flipped.npz");
        File.WriteAllBytes(archive, RawZip.Build([RawMember.StoredMember("big.npy", content) with { Crc = System.IO.Hashing.Crc32.HashToUInt32(NpzTest.NpyBytes(ArrayHeader.Create(DType.Float64, 3_000_000), new byte[24_000_000])) }]));

        var e = Assert.ThrowsAny<ArrayFormatException>(() => NpzTest.Files.Read(archive, new ReadRequest { RowStart = start }));

        Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Formats.Host.CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
