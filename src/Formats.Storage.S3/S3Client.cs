using Amazon.S3;

namespace Formats.Storage.S3;

/// <summary>
/// The SDK's client, made on first use (so that registering the storage costs nothing where no <c>s3://</c> location is
/// given), with what messages and reads need beside it: the endpoint's URL and the options.
/// </summary>
internal sealed class S3Client(Func<IAmazonS3> create, S3StorageOptions options, string? endpoint)
{
    private readonly Lazy<IAmazonS3> api = new(create);

    public IAmazonS3 Api => api.Value;

    public bool Created => api.IsValueCreated;

    public S3StorageOptions Options { get; } = options;

    /// <summary>The endpoint as messages show it.</summary>
    public string Endpoint { get; } = endpoint ?? options.ResolveEndpoint() ?? "https://s3.amazonaws.com";
}
