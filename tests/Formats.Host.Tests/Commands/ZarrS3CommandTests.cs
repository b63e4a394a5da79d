using Amazon.S3;
using Amazon.S3.Model;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>Zarr stores under <c>s3://</c> prefixes (directories of the S3 storage) against the S3 test server.</summary>
public sealed class ZarrS3CommandTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly Lazy<(AmazonS3Client Client, string Bucket)> s3 = new(() =>
    {
        var url = S3TestServer.Url ?? throw new InvalidOperationException("no S3 server");
        var client = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var bucket = "zarr" + Guid.NewGuid().ToString("N")[..20];
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
    public async Task StoresAreWrittenToAndReadFromPrefixes()
    {
        NumPy.Run("np.save('x.npy', np.arange(35, dtype='<i4').reshape(7, 5)); np.savez('y.npz', a=np.arange(300.0), b=np.ones((20, 2)))", dir.Path);
        var up = await Cli.RunAsync("convert", dir.File("x.npy"), $"s3://{Bucket}/x.zarr", "--chunks", "3,2", "--shard", "6,4", "--endpoint-url", Endpoint);
        var group = await Cli.RunAsync("convert", dir.File("y.npz"), $"s3://{Bucket}/y.zarr", "--codec", "blosc-lz4", "--endpoint-url", Endpoint);
        var info = await Cli.RunAsync("info", $"s3://{Bucket}/y.zarr", "--endpoint-url", Endpoint);
        var show = await Cli.RunAsync("show", $"s3://{Bucket}/y.zarr", "--name", "a", "--rows", "299:300", "--endpoint-url", Endpoint);
        var verify = await Cli.RunAsync("verify", $"s3://{Bucket}/x.zarr", "--endpoint-url", Endpoint);
        var down = await Cli.RunAsync("convert", $"s3://{Bucket}/x.zarr", dir.File("back.npy"), "--endpoint-url", Endpoint);
        var copy = await Cli.RunAsync("convert", $"s3://{Bucket}/x.zarr", $"s3://{Bucket}/copy.zarr", "--endpoint-url", Endpoint);

        Assert.All(new[] { up, group, info, show, verify, down, copy }, r => Assert.True(r.Code == 0, r.Err));
        Assert.Contains("  b: dtype '<f8', shape (20, 2)", info.Out, StringComparison.Ordinal);
        Assert.Contains("299.", show.Out, StringComparison.Ordinal);
        Assert.Contains("ok (1 array(s), 140 data bytes)", verify.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(dir.File("x.npy")), File.ReadAllBytes(dir.File("back.npy")));

        // The single array is the store's root: its metadata and one object per shard (2 x 2), no member folder.
        var keys = (await s3.Value.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "x.zarr/" })).S3Objects!.Select(o => o.Key);
        Assert.Equal(["x.zarr/c/0/0", "x.zarr/c/0/1", "x.zarr/c/1/0", "x.zarr/c/1/1", "x.zarr/zarr.json"], keys.Order(StringComparer.Ordinal));
    }

    [S3Fact]
    public async Task AStoreWrittenByZarrPythonReadsFromAPrefix()
    {
        var fixtures = Environment.GetEnvironmentVariable("FORMATS_ZARR_FIXTURES") ?? "/work/shared/zarr-fixtures";
        var store = Path.Combine(fixtures, "v2", "array_blosc_C.zarr");
        foreach (var file in Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories))
        {
            await s3.Value.Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "f.zarr/" + Path.GetRelativePath(store, file), FilePath = file });
        }

        var show = await Cli.RunAsync("show", $"s3://{Bucket}/f.zarr", "--rows", "9:10", "--endpoint-url", Endpoint);

        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("90., 91.", show.Out, StringComparison.Ordinal);
    }
}
