using Amazon.S3;

namespace Formats.Storage.S3;

/// <summary>
/// How <see cref="S3ArrayStorage"/> reaches the store. Credentials and the region come from the AWS SDK's default chain
/// (environment, profile, instance role); only an S3-compatible endpoint usually needs setting here.
/// </summary>
public sealed class S3StorageOptions
{
    /// <summary>The smallest part of a multipart upload S3 accepts (but the last).</summary>
    public const int MinimumPartSize = 5 << 20;

    /// <summary>
    /// The endpoint of an S3-compatible store (<c>http://127.0.0.1:9000</c> for MinIO). When null, <c>AWS_ENDPOINT_URL_S3</c>,
    /// then <c>AWS_ENDPOINT_URL</c>, then AWS itself.
    /// </summary>
    public string? EndpointUrl { get; set; }

    /// <summary>The region; when null, the SDK's chain (<c>AWS_REGION</c>, the profile), else <c>us-east-1</c> with an endpoint.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Path-style addressing (<c>endpoint/bucket/key</c>) rather than virtual-hosted (<c>bucket.endpoint/key</c>). When
    /// null, on exactly when an endpoint is set, as MinIO and most compatible stores need.
    /// </summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>
    /// The size of the ranged GET a read starts with (doubling while a stream reads on in order). Default 32 KiB: routing and
    /// an NPY header need far less, and with the 64 KiB an archive's end record is looked for in, <c>info</c> of an archive
    /// whose central directory fits in 64 KiB stays within two GETs and 128 KiB.
    /// </summary>
    public int ReadAheadBytes { get; set; } = 32 << 10;

    /// <summary>The largest ranged GET a stream makes while reading on in order, and so its memory. Default 8 MiB.</summary>
    public int MaxReadAheadBytes { get; set; } = 8 << 20;

    /// <summary>The size of each part of a multipart upload, held in memory while it fills; at least 5 MiB. Default 8 MiB.</summary>
    public int PartSizeBytes { get; set; } = 8 << 20;

    /// <summary>Called on the SDK's configuration before the client is made (timeouts, retries, an HTTP client factory).</summary>
    public Action<AmazonS3Config>? ConfigureClient { get; set; }

    /// <summary>The endpoint in effect: <see cref="EndpointUrl"/>, else the environment's, else null (AWS).</summary>
    public string? ResolveEndpoint() =>
        NonEmpty(EndpointUrl) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3")) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));

    /// <summary>Makes a client with these options: the endpoint, path-style addressing, the region, then <see cref="ConfigureClient"/>.</summary>
    /// <exception cref="ArgumentException">A size is out of range.</exception>
    public AmazonS3Client CreateClient()
    {
        Validate();
        var config = new AmazonS3Config();
        var endpoint = ResolveEndpoint();
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = ForcePathStyle ?? true;
            config.AuthenticationRegion = Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        }
        else
        {
            if (ForcePathStyle is { } pathStyle)
            {
                config.ForcePathStyle = pathStyle;
            }

            if (Region is not null)
            {
                config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
            }
        }

        ConfigureClient?.Invoke(config);
        return new AmazonS3Client(config);
    }

    internal void Validate()
    {
        if (PartSizeBytes < MinimumPartSize)
        {
            throw new ArgumentException($"PartSizeBytes must be at least {MinimumPartSize} (S3's smallest part)", nameof(PartSizeBytes));
        }

        if (ReadAheadBytes < 1 || MaxReadAheadBytes < ReadAheadBytes)
        {
            throw new ArgumentException("ReadAheadBytes must be positive and at most MaxReadAheadBytes", nameof(ReadAheadBytes));
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
