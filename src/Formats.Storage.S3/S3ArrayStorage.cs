using Amazon.S3;

namespace Formats.Storage.S3;

/// <summary>
/// <c>s3://bucket/key</c> locations as an <see cref="IArrayStorage"/>: objects are read with ranged GETs (no whole
/// download) and written with multipart uploads that appear only when the write commits; a location ending in <c>/</c>
/// (or a key with objects under it) is a directory. Register it with
/// <see cref="Microsoft.Extensions.DependencyInjection.S3StorageServiceCollectionExtensions.AddS3ArraySources"/>, or pass its sources and outputs to
/// <see cref="ArrayFiles"/> yourself.
/// </summary>
public sealed class S3ArrayStorage : IArrayStorage, IDisposable
{
    private readonly S3Client client;
    private readonly bool ownsClient;
    private readonly ProbedSources probed = new();

    /// <summary>A storage with its own client, made from <paramref name="options"/> (endpoint, region; credentials from the SDK's chain).</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public S3ArrayStorage(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        client = new S3Client(options.CreateClient, options, null);
        ownsClient = true;
    }

    /// <summary>A storage over a client you made and dispose; <paramref name="options"/> gives the read-ahead and part sizes.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public S3ArrayStorage(IAmazonS3 client, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.client = new S3Client(() => client, options, client.Config.ServiceURL);
    }

    /// <summary>The endpoint requests go to, as error messages name it.</summary>
    public string Endpoint => client.Endpoint;

    /// <summary>True for <c>s3://</c> locations.</summary>
    public bool Handles(string location) => location is not null && S3Location.IsS3(location);

    /// <summary>The object at <paramref name="location"/>; nothing is requested until it is read.</summary>
    /// <exception cref="ArrayFormatException">The location names no bucket.</exception>
    public IArraySource GetSource(string location) => probed.Take(location) ?? new S3ArraySource(client, location, S3Location.Parse(location));

    /// <summary>An output that uploads to <paramref name="location"/> and completes the upload at commit.</summary>
    /// <exception cref="ArrayFormatException">The location names no bucket.</exception>
    public IArrayOutput GetOutput(string location)
    {
        var at = S3Location.Parse(location);
        probed.Forget(location);
        return new S3ArrayOutput(client, location, at);
    }

    /// <summary>
    /// The prefix <paramref name="location"/> as a directory when some object lies under it, else null. A key that names
    /// an object is no directory: that is learnt from the object's first window (one GET, which the source of the same
    /// location then reuses), and only a key that names no object is listed (one list request).
    /// </summary>
    /// <exception cref="ArrayFormatException">The bucket does not exist, access is denied, or the store cannot be reached.</exception>
    public IArrayDirectory? GetDirectory(string location)
    {
        var at = S3Location.Parse(location);
        if (at.Key.Length > 0 && !at.Key.EndsWith('/'))
        {
            var source = new S3ArraySource(client, location, at);
            if (source.Exists())
            {
                probed.Keep(location, source);
                return null;
            }
        }

        return S3Directory.ListLevel(client, location, at.Bucket, at.Prefix, limit: 1).Count > 0 ? new S3Directory(client, location, at, writing: false) : null;
    }

    /// <summary>
    /// A directory written under the prefix <paramref name="location"/>: each entry is uploaded as it is written and
    /// completed at <see cref="IArrayDirectoryOutput.Commit"/> (one request per entry, so a commit that fails midway may
    /// leave the first entries visible); disposing without a commit aborts every upload.
    /// </summary>
    /// <exception cref="ArrayFormatException">The location names no bucket.</exception>
    public IArrayDirectoryOutput CreateDirectory(string location) => new S3Directory(client, location, S3Location.Parse(location), writing: true);

    /// <summary>Disposes the client when this storage made it.</summary>
    public void Dispose()
    {
        if (ownsClient && client.Created)
        {
            client.Api.Dispose();
        }
    }
}
