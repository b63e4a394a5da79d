using Amazon.S3;
using Amazon.S3.Model;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>
/// <c>s3://</c> file arguments of <c>info</c>, <c>show</c>, <c>verify</c> and <c>convert</c> (input, output, a prefix as a
/// folder) against the S3 test server, reached with <c>--endpoint-url</c>; outputs checked with NumPy.
/// </summary>
public sealed class S3CommandTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly Lazy<(AmazonS3Client Client, string Bucket)> s3 = new(() =>
    {
        var url = S3TestServer.Url ?? throw new InvalidOperationException("no S3 server");
        var client = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var bucket = "cli" + Guid.NewGuid().ToString("N")[..20];
        client.PutBucketAsync(bucket).GetAwaiter().GetResult();
        return (client, bucket);
    });

    public void Dispose()
    {
        if (s3.IsValueCreated)
        {
            s3.Value.Client.Dispose();
        }

        dir.Dispose();
    }

    private string Bucket => s3.Value.Bucket;

    private static string Endpoint => S3TestServer.Url!;

    [S3Fact]
    public async Task EveryCommandTakesS3LocationsForInputsAndOutputs()
    {
        NumPy.Run("np.save('a.npy', np.arange(12.0).reshape(3, 4)); np.savez_compressed('z.npz', p=np.arange(5), q=np.eye(2))", dir.Path);

        var up = await Cli.RunAsync("convert", dir.File("z.npz"), $"s3://{Bucket}/in/z.npz", "--endpoint-url", Endpoint);
        var upNpy = await Cli.RunAsync("convert", dir.File("a.npy"), $"s3://{Bucket}/in/a.npy", "--endpoint-url", Endpoint);
        var info = await Cli.RunAsync("info", $"s3://{Bucket}/in/z.npz", "--endpoint-url", Endpoint);
        var show = await Cli.RunAsync("show", $"s3://{Bucket}/in/a.npy", "--rows", "1:2", "--endpoint-url", Endpoint);
        var verify = await Cli.RunAsync("verify", $"s3://{Bucket}/in/z.npz", "--endpoint-url", Endpoint);
        var unpack = await Cli.RunAsync("convert", $"s3://{Bucket}/in/z.npz", $"s3://{Bucket}/out/", "--endpoint-url", Endpoint);
        var pack = await Cli.RunAsync("convert", $"s3://{Bucket}/out/", dir.File("back.npz"), "--endpoint-url", Endpoint);

        Assert.All(new[] { up, upNpy, info, show, verify, unpack, pack }, r => Assert.True(r.Code == 0, r.Err));
        Assert.Contains("npz, 2 array(s)", info.Out, StringComparison.Ordinal);
        Assert.Contains("4., 5., 6., 7.", show.Out, StringComparison.Ordinal);
        Assert.Contains("ok", verify.Out, StringComparison.Ordinal);
        var keys = (await s3.Value.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "out/" })).S3Objects!.Select(o => o.Key);
        Assert.Equal(["out/p.npy", "out/q.npy"], keys.Order(StringComparer.Ordinal));
        Assert.Equal("['p', 'q'] True", NumPy.Run("b = np.load('back.npz'); print(sorted(b.files), np.array_equal(b['q'], np.eye(2)))", dir.Path).Trim());
    }

    [S3Fact]
    public async Task InfoListsARemoteArchiveFromItsDirectoryAndReadsTheHeadersWhenAsked()
    {
        NumPy.Run("np.savez('s.npz', p=np.arange(5), q=np.eye(2)); np.savez_compressed('c.npz', r=np.zeros(1000))", dir.Path);
        await Cli.RunAsync("convert", dir.File("s.npz"), $"s3://{Bucket}/s.npz", "--endpoint-url", Endpoint);
        await s3.Value.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "c.npz", FilePath = dir.File("c.npz") });

        var listed = await Cli.RunAsync("info", $"s3://{Bucket}/s.npz", $"s3://{Bucket}/c.npz", "--endpoint-url", Endpoint);
        var json = await Cli.RunAsync("info", $"s3://{Bucket}/c.npz", "--json", "--endpoint-url", Endpoint);
        var described = await Cli.RunAsync("info", $"s3://{Bucket}/s.npz", "--headers", "--endpoint-url", Endpoint);

        Assert.All(new[] { listed, json, described }, r => Assert.True(r.Code == 0, r.Err));
        Assert.Contains($"s3://{Bucket}/s.npz: npz, 2 array(s)", listed.Out, StringComparison.Ordinal);
        Assert.Contains("  p: header not read (--headers reads it)", listed.Out, StringComparison.Ordinal);
        Assert.Contains("  r: header not read (--headers reads it), compressed, stored ", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("dtype", listed.Out, StringComparison.Ordinal);
        Assert.Contains("\"arrays\":[]", json.Out, StringComparison.Ordinal);
        Assert.Contains("\"listed\":[{\"name\":\"r\",\"compressed\":true,\"stored_bytes\":", json.Out, StringComparison.Ordinal);
        Assert.Contains("  p: dtype '<i8', shape (5,)", described.Out, StringComparison.Ordinal);
        Assert.Contains("  q: dtype '<f8', shape (2, 2)", described.Out, StringComparison.Ordinal);
    }

    [S3Fact]
    public async Task TheFolderWorkerCommitsItsOutputsToAnS3Outbox()
    {
        var inbox = Directory.CreateDirectory(dir.File("in")).FullName;
        NumPy.Run("np.save('in/a.npy', np.arange(100.0).reshape(10, 10)); np.save('in/b.npy', np.arange(7, dtype='<i2'))", dir.Path);

        var run = await Cli.RunAsync("worker", "--inbox", inbox, "--outbox", $"s3://{Bucket}/archive/", "--compress", "--once", "--settle", "0",
            "--endpoint-url", Endpoint);

        Assert.True(run.Code == 0, run.Err);
        var keys = (await s3.Value.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "archive/" })).S3Objects!.Select(o => o.Key);
        Assert.Equal(["archive/a.npz", "archive/b.npz"], keys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "a.npz", "b.npz" })
        {
            using var response = await s3.Value.Client.GetObjectAsync(Bucket, "archive/" + name);
            await using var file = File.Create(dir.File(name));
            await response.ResponseStream.CopyToAsync(file);
        }

        Assert.Equal("True True", NumPy.Run(
            "a = np.load('a.npz'); b = np.load('b.npz'); print(np.array_equal(a['a'], np.arange(100.0).reshape(10, 10)), np.array_equal(b['b'], np.arange(7, dtype='<i2')))",
            dir.Path).Trim());
    }

    [S3Fact]
    public async Task AMissingObjectOrBucketOrAnUnreachableEndpointIsOneErrorLine()
    {
        var key = await Cli.RunAsync("info", $"s3://{Bucket}/none.npy", "--endpoint-url", Endpoint);
        var bucket = await Cli.RunAsync("info", "s3://no-such-bucket-formats/x.npy", "--endpoint-url", Endpoint);
        var down = await Cli.RunAsync("info", "s3://b/x.npy", "--endpoint-url", "http://127.0.0.1:9");

        Assert.Equal($"error: s3://{Bucket}/none.npy: no such object", key.Err.Trim());
        Assert.Equal("error: s3://no-such-bucket-formats/x.npy: no such bucket", bucket.Err.Trim());
        Assert.StartsWith("error: s3://b/x.npy: the store at http://127.0.0.1:9 cannot be reached", down.Err.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', down.Err.Trim());
        Assert.All(new[] { key, bucket, down }, r => Assert.NotEqual(0, r.Code));
    }
}
