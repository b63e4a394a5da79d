using Amazon.S3;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>A fresh bucket on the S3 test server, made on first use (so a test class whose tests skip makes none).</summary>
internal sealed class S3Bucket(string prefix) : IDisposable
{
    private readonly Lazy<(AmazonS3Client Client, string Name)> bucket = new(() =>
    {
        var url = S3TestServer.Url ?? throw new InvalidOperationException("no S3 server: set FORMATS_TEST_S3 or install moto");
        var client = new AmazonS3Client(new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var name = prefix + Guid.NewGuid().ToString("N")[..20];
        client.PutBucketAsync(name).GetAwaiter().GetResult();
        return (client, name);
    });

    /// <summary>The S3 test server's URL, for <c>--endpoint-url</c>.</summary>
    public static string Endpoint => S3TestServer.Url!;

    public string Name => bucket.Value.Name;

    public AmazonS3Client Client => bucket.Value.Client;

    public void Dispose()
    {
        if (bucket.IsValueCreated)
        {
            bucket.Value.Client.Dispose();
        }
    }
}
