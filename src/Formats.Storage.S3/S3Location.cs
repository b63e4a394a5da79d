namespace Formats.Storage.S3;

/// <summary>An <c>s3://bucket/key</c> location split into its bucket and key (the key may be empty: the bucket's top).</summary>
internal readonly record struct S3Location(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    public static bool IsS3(string location) => location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ArrayFormatException">The location names no bucket.</exception>
    public static S3Location Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!IsS3(location))
        {
            throw new ArrayFormatException("not an s3:// location") { SourcePath = location };
        }

        var rest = location[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new ArrayFormatException("an s3:// location needs a bucket (s3://bucket/key)") { SourcePath = location };
        }

        return new S3Location(bucket, slash < 0 ? "" : rest[(slash + 1)..]);
    }

    /// <summary>The key as a prefix of a directory's entries: empty, or ending in <c>/</c>.</summary>
    public string Prefix => Key.Length == 0 || Key.EndsWith('/') ? Key : Key + "/";

    public override string ToString() => Scheme + Bucket + "/" + Key;
}
