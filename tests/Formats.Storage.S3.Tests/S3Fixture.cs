using Amazon.S3;
using Amazon.S3.Model;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Storage.S3.Tests;

/// <summary>
/// A bucket of its own on the test server (<see cref="S3TestServer"/>), a plain SDK client to put and look at objects,
/// and <see cref="ArrayFiles"/> with <c>AddS3ArraySources</c> whose requests are counted.
/// </summary>
internal sealed class S3Fixture : IDisposable
{
    public S3Fixture()
    {
        Endpoint = S3TestServer.Url ?? throw new InvalidOperationException("no S3 server (see S3TestServer)");
        Bucket = "t" + Guid.NewGuid().ToString("N")[..20];
        Client = new AmazonS3Client(new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        Client.PutBucketAsync(Bucket).GetAwaiter().GetResult();
        Provider = Services(o => o.PartSizeBytes = S3StorageOptions.MinimumPartSize);
        Files = Provider.GetRequiredService<ArrayFiles>();
    }

    public string Endpoint { get; }

    public string Bucket { get; }

    public AmazonS3Client Client { get; }

    public CountingHttpClientFactory Counter { get; } = new();

    public ServiceProvider Provider { get; }

    public ArrayFiles Files { get; }

    public string Url(string key) => $"s3://{Bucket}/{key}";

    public ServiceProvider Services(Action<S3StorageOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddArrayFormats();
        services.AddS3ArraySources(o =>
        {
            o.EndpointUrl = Endpoint;
            o.ConfigureClient = c => c.HttpClientFactory = Counter;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    public void Put(string key, byte[] bytes) =>
        Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(bytes) }).GetAwaiter().GetResult();

    public byte[] Get(string key)
    {
        using var response = Client.GetObjectAsync(Bucket, key).GetAwaiter().GetResult();
        using var copy = new MemoryStream();
        response.ResponseStream.CopyTo(copy);
        return copy.ToArray();
    }

    public List<string> Keys(string prefix = "") =>
        [.. (Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix }).GetAwaiter().GetResult().S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal)];

    public int PendingUploads() =>
        (Client.ListMultipartUploadsAsync(Bucket).GetAwaiter().GetResult().MultipartUploads ?? []).Count;

    public void Dispose()
    {
        Provider.Dispose();
        Client.Dispose();
    }
}
