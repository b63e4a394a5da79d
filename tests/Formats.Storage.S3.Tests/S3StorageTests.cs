using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Storage.S3.Tests;

/// <summary>
/// <c>s3://</c> locations through <see cref="ArrayFiles"/> against a real S3-compatible server over HTTP: NumPy-written
/// files uploaded with the SDK, read, inspected and converted from and to the bucket, outputs checked with NumPy.
/// </summary>
public sealed class S3StorageTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly Lazy<S3Fixture> s3 = new(() => new S3Fixture());

    private S3Fixture S3 => s3.Value;

    public void Dispose()
    {
        if (s3.IsValueCreated)
        {
            s3.Value.Dispose();
        }

        dir.Dispose();
    }

    [S3Fact]
    public void AnNpyIsInspectedReadByRowsAndConvertedToLocalAndBack()
    {
        NumPy.Run("np.save('a.npy', np.arange(4000 * 64, dtype='<f8').reshape(4000, 64))", dir.Path);
        S3.Put("in/a.npy", File.ReadAllBytes(dir.File("a.npy")));

        var info = S3.Files.Inspect(S3.Url("in/a.npy"));
        using var rows = S3.Files.Read(S3.Url("in/a.npy"), new ReadRequest { RowStart = 1000, RowStop = 1002 });
        S3.Files.Convert(S3.Url("in/a.npy"), dir.File("local.npz"), write: new WriteRequest { Compress = true });
        S3.Files.Convert(dir.File("local.npz"), S3.Url("out/back.npy"));
        File.WriteAllBytes(dir.File("back.npy"), S3.Get("out/back.npy"));

        Assert.Equal(S3.Url("in/a.npy"), info.Path);
        Assert.Equal(new ArrayShape(4000, 64), Assert.Single(info.Entries).Header.Shape);
        Assert.Equal(Enumerable.Range(64000, 128).Select(i => (double)i), rows.AsSpan<double>().ToArray());
        Assert.Equal("True True", NumPy.Run(
            "a = np.load('a.npy'); print(np.array_equal(np.load('local.npz')[np.load('local.npz').files[0]], a), np.array_equal(np.load('back.npy'), a))", dir.Path).Trim());
        Assert.Equal(File.ReadAllBytes(dir.File("a.npy")), S3.Get("out/back.npy"));
    }

    [S3Fact]
    public void StoredAndCompressedArchivesAreReadAndWrittenInTheBucket()
    {
        NumPy.Run("""
            x = np.arange(50000, dtype='<i4').reshape(500, 100); y = np.linspace(0, 1, 3000).astype('<f4')
            np.savez('s.npz', x=x, y=y); np.savez_compressed('c.npz', x=x, y=y)
            """, dir.Path);
        S3.Put("s.npz", File.ReadAllBytes(dir.File("s.npz")));
        S3.Put("c.npz", File.ReadAllBytes(dir.File("c.npz")));

        foreach (var name in new[] { "s.npz", "c.npz" })
        {
            var info = S3.Files.Inspect(S3.Url(name));
            Assert.Equal(["x", "y"], info.Entries.Select(e => e.Name));
            using var y = S3.Files.Read(S3.Url(name), new ReadRequest { Member = "y" });
            Assert.Equal(3000, y.Shape[0]);
        }

        S3.Files.Convert(S3.Url("c.npz"), S3.Url("out/s2.npz"));
        S3.Files.Convert(S3.Url("s.npz"), S3.Url("out/c2.npz"), write: new WriteRequest { Compress = true });
        File.WriteAllBytes(dir.File("s2.npz"), S3.Get("out/s2.npz"));
        File.WriteAllBytes(dir.File("c2.npz"), S3.Get("out/c2.npz"));

        Assert.Equal("True True", NumPy.Run("""
            a = np.load('s.npz'); b = np.load('s2.npz'); c = np.load('c2.npz')
            print(all(np.array_equal(a[k], b[k]) for k in 'xy'), all(np.array_equal(a[k], c[k]) for k in 'xy'))
            """, dir.Path).Trim());
    }

    [S3Fact]
    public void MembersLargerThan64MiBStoredAndCompressedAreReadByRowsAndConvertedBothWays()
    {
        // 72 MiB members: a stored one and a deflated one (a repeating ramp, so that deflate is quick and small).
        NumPy.Run("""
            big = np.arange(9 << 20, dtype='<f8').reshape(9 << 10, 1 << 10); ramp = (np.arange(9 << 20) % 251).astype('<f8')
            np.savez('s.npz', big=big, small=np.arange(7)); np.savez_compressed('c.npz', ramp=ramp, small=np.arange(7))
            """, dir.Path);
        S3.Put("in/s.npz", File.ReadAllBytes(dir.File("s.npz")));
        S3.Put("in/c.npz", File.ReadAllBytes(dir.File("c.npz")));

        var stored = S3.Files.Inspect(S3.Url("in/s.npz"));
        var compressed = S3.Files.Inspect(S3.Url("in/c.npz"));
        using var rows = S3.Files.Read(S3.Url("in/s.npz"), new ReadRequest { Member = "big", RowStart = 5000, RowStop = 5002 });
        using var ramp = S3.Files.Read(S3.Url("in/c.npz"), new ReadRequest { Member = "ramp", RowStart = -3 });
        S3.Files.Convert(S3.Url("in/s.npz"), S3.Url("out/s-compressed.npz"), write: new WriteRequest { Compress = true });
        S3.Files.Convert(S3.Url("in/c.npz"), S3.Url("out/c-stored.npz"));
        S3.Files.Convert(S3.Url("in/c.npz"), dir.File("local/"));
        S3.Files.Convert(dir.File("local/"), S3.Url("out/from-local.npz"), write: new WriteRequest { Compress = true });
        foreach (var name in new[] { "s-compressed.npz", "c-stored.npz", "from-local.npz" })
        {
            File.WriteAllBytes(dir.File(name), S3.Get("out/" + name));
        }

        Assert.Equal(new ArrayShape(9 << 10, 1 << 10), stored.Entries.Single(e => e.Name == "big").Header.Shape);
        Assert.True(compressed.Entries.Single(e => e.Name == "ramp").Compressed);
        Assert.Equal(Enumerable.Range(5000 << 10, 2 << 10).Select(i => (double)i), rows.AsSpan<double>().ToArray());
        Assert.Equal([((9 << 20) - 3) % 251, ((9 << 20) - 2) % 251, ((9 << 20) - 1) % 251], ramp.AsSpan<double>().ToArray());
        Assert.Equal("True True True", NumPy.Run("""
            s = np.load('s.npz'); c = np.load('c.npz'); a = np.load('s-compressed.npz'); b = np.load('c-stored.npz'); l = np.load('from-local.npz')
            print(all(np.array_equal(s[k], a[k]) for k in s.files), all(np.array_equal(c[k], b[k]) for k in c.files),
                  all(np.array_equal(c[k], l[k]) for k in c.files))
            """, dir.Path).Trim());
        Assert.Equal(0, S3.PendingUploads());
    }

    [S3Fact]
    public void AnOutputLargerThanOnePartIsAMultipartUploadNumPyReads()
    {
        // 12 MiB with 5 MiB parts: three parts, the last one short.
        NumPy.Run("np.save('big.npy', np.arange(3 << 19, dtype='<f8'))", dir.Path);

        S3.Files.Convert(dir.File("big.npy"), S3.Url("big/out.npy"));
        File.WriteAllBytes(dir.File("out.npy"), S3.Get("big/out.npy"));

        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('out.npy'), np.load('big.npy')))", dir.Path).Trim());
        Assert.Equal(3, S3.Counter.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/big/out.npy", StringComparison.Ordinal)));
        Assert.Equal(2, S3.Counter.Count("POST")); // started, completed
        Assert.Equal(0, S3.PendingUploads());
    }

    [S3Fact]
    public void AWriteDisposedWithoutACommitLeavesNoObjectAndNoUpload()
    {
        var output = S3.Provider.GetRequiredService<S3ArrayStorage>().GetOutput(S3.Url("never.npy"));
        using (var pending = output.Create())
        {
            pending.Stream.Write(new byte[11 << 20]);
            Assert.Equal(1, S3.PendingUploads());
        }

        Assert.Empty(S3.Keys());
        Assert.Equal(0, S3.PendingUploads());
    }

    [S3Fact]
    public async Task ACancelledConversionLeavesNoObjectAndNoUpload()
    {
        // 32 MiB copied in 4 MiB chunks: cancelled at the third, when a 5 MiB part is already uploaded.
        NumPy.Run("np.save('in.npy', np.arange(1 << 22, dtype='<f8'))", dir.Path);
        S3.Put("in.npy", File.ReadAllBytes(dir.File("in.npy")));
        using var cancel = new CancellationTokenSource();
        var reports = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => S3.Files.ConvertAsync(S3.Url("in.npy"), S3.Url("out.npy"),
            progress: new SyncProgress(_ =>
            {
                if (++reports == 3)
                {
                    cancel.Cancel();
                }
            }), cancellationToken: cancel.Token));

        Assert.Equal(["in.npy"], S3.Keys());
        Assert.Equal(0, S3.PendingUploads());
        Assert.Contains(S3.Counter.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/out.npy", StringComparison.Ordinal));
    }

    [S3Fact]
    public void EveryHeaderOfAStoredArchiveOfAHundredMembersTakesOneSmallGetPerMember()
    {
        NumPy.Run("np.savez('many.npz', **{f'm{i:03}': np.full((64, 128), i, dtype='<f8') for i in range(100)})", dir.Path);
        S3.Put("many.npz", File.ReadAllBytes(dir.File("many.npz")));
        S3.Counter.Reset();

        var info = S3.Files.Inspect(S3.Url("many.npz"));

        Assert.Equal(100, info.Entries.Count);
        Assert.Equal(new ArrayShape(64, 128), info.Entries[99].Header.Shape);
        Report("info of a stored 100-member archive", File.ReadAllBytes(dir.File("many.npz")).Length);
        // Every header asked for (no IndexOnly): the first window and the one with the central directory, then each
        // member's NPY header, which lies in the member's data: one 16 KiB window each, not the member.
        Assert.True(S3.Counter.Count("GET") <= 2 + 100, Describe());
        Assert.Equal(S3.Counter.Requests.Count, S3.Counter.Count("GET"));
        Assert.True(S3.Counter.BytesOf("GET") <= (32 << 10) + (65 << 10) + (100 * (16 << 10)), Describe());
    }

    [S3Fact]
    public void OneRowOfAnNpyTakesAtMostThreeGets()
    {
        NumPy.Run("np.save('rows.npy', np.arange(20000 * 256, dtype='<f8').reshape(20000, 256))", dir.Path);
        S3.Put("rows.npy", File.ReadAllBytes(dir.File("rows.npy")));
        S3.Counter.Reset();

        using var row = S3.Files.Read(S3.Url("rows.npy"), new ReadRequest { RowStart = 12345, RowStop = 12346 });

        Assert.Equal(Enumerable.Range(12345 * 256, 256).Select(i => (double)i), row.AsSpan<double>().ToArray());
        Report("one row of a 40 MB npy", 20000 * 256 * 8);
        Assert.True(S3.Counter.Count("GET") <= 3, Describe());
    }

    [S3Fact]
    public void APrefixIsAFolderInputAndAFolderOutput()
    {
        NumPy.Run("np.save('p.npy', np.arange(6, dtype='<i8')); np.save('q.npy', np.eye(3))", dir.Path);
        S3.Put("folder/p.npy", File.ReadAllBytes(dir.File("p.npy")));
        S3.Put("folder/q.npy", File.ReadAllBytes(dir.File("q.npy")));

        S3.Files.Convert(S3.Url("folder/"), S3.Url("packed.npz"));
        S3.Files.Convert(S3.Url("packed.npz"), S3.Url("unpacked/"));
        File.WriteAllBytes(dir.File("packed.npz"), S3.Get("packed.npz"));

        Assert.Equal(["unpacked/p.npy", "unpacked/q.npy"], S3.Keys("unpacked/"));
        Assert.Equal(File.ReadAllBytes(dir.File("q.npy")), S3.Get("unpacked/q.npy"));
        Assert.Equal("['p', 'q'] True", NumPy.Run("z = np.load('packed.npz'); print(sorted(z.files), np.array_equal(z['q'], np.eye(3)))", dir.Path).Trim());
        Assert.Equal(0, S3.PendingUploads());
    }

    [S3Fact]
    public void ErrorsNameTheObjectAndTheProblemInOneLine()
    {
        var missingKey = Assert.Throws<ArrayFileAccessException>(() => S3.Files.Inspect(S3.Url("nothing.npy")));
        var missingBucket = Assert.Throws<ArrayFileAccessException>(() => S3.Files.Inspect("s3://no-such-bucket-formats/x.npy"));

        Assert.True(missingKey.Missing);
        Assert.Equal(S3.Url("nothing.npy"), missingKey.SourcePath);
        Assert.Contains("no such object", missingKey.Message, StringComparison.Ordinal);
        Assert.Contains("no such bucket", missingBucket.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missingKey.Message + missingBucket.Message);
    }

    [S3Fact]
    public void AnUnreachableEndpointIsNamedInTheError()
    {
        using var provider = S3.Services(o =>
        {
            o.EndpointUrl = "http://127.0.0.1:9";
            o.ConfigureClient = c => c.MaxErrorRetry = 0;
        });
        var files = provider.GetRequiredService<ArrayFiles>();

        var e = Assert.Throws<ArrayFileAccessException>(() => files.Inspect("s3://b/x.npy"));

        Assert.Contains("http://127.0.0.1:9", e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", e.Message, StringComparison.Ordinal);
        Assert.Equal("s3://b/x.npy", e.SourcePath);
    }

    private string Describe() => string.Join("; ", S3.Counter.Requests.Select(r => $"{r.Method} {r.Path} {r.Bytes}"));

    private void Report(string what, long size) =>
        Console.WriteLine($"[s3 requests] {what} ({size} bytes): {S3.Counter.Count("GET")} GET, {S3.Counter.BytesOf("GET")} bytes; {Describe()}");

    private sealed class SyncProgress(Action<ArrayProgress> report) : IProgress<ArrayProgress>
    {
        public void Report(ArrayProgress value) => report(value);
    }
}
