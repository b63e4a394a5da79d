using Amazon.S3.Model;

namespace Formats.Storage.S3;

/// <summary>
/// A key prefix as an <see cref="IArrayDirectory"/>: listed one level at a time (<c>ListObjectsV2</c> with the delimiter
/// <c>/</c>), entries read as objects. When writing (<see cref="IArrayDirectoryOutput"/>), each entry is a multipart upload
/// whose parts are all sent when its stream closes, and <see cref="Commit"/> completes them all: nothing is listed before.
/// </summary>
internal sealed class S3Directory(S3Client client, string name, S3Location location, bool writing) : IArrayDirectoryOutput
{
    private readonly List<(string Entry, S3Upload Upload)> staged = [];
    private bool committed;

    public string Name => name;

    public bool CanWrite => writing;

    public IReadOnlyList<string> List(string folder = "")
    {
        var within = folder.Length == 0 || folder.EndsWith('/') ? folder : folder + "/";
        if (writing)
        {
            lock (staged)
            {
                return [.. staged.Select(s => s.Entry).Where(e => e.StartsWith(within, StringComparison.Ordinal))
                    .Select(e => e[within.Length..] is var rest && rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? within + rest[..(slash + 1)] : e)
                    .Distinct().Order(StringComparer.Ordinal)];
            }
        }

        return [.. ListLevel(client, name, location.Bucket, location.Prefix + within).Select(k => k[location.Prefix.Length..]).Order(StringComparer.Ordinal)];
    }

    /// <summary>The keys and common prefixes directly under <paramref name="prefix"/> (all pages).</summary>
    public static List<string> ListLevel(S3Client client, string name, string bucket, string prefix, int limit = int.MaxValue) =>
        S3Errors.Run(client, name, async ct =>
        {
            var found = new List<string>();
            var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Delimiter = "/", MaxKeys = Math.Min(limit, 1000) };
            while (true)
            {
                var page = await client.Api.ListObjectsV2Async(request, ct).ConfigureAwait(false);
                found.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k.Length > prefix.Length));
                found.AddRange(page.CommonPrefixes ?? []);
                if (page.IsTruncated != true || found.Count >= limit)
                {
                    return found;
                }

                request.ContinuationToken = page.NextContinuationToken;
            }
        });

    public Stream OpenRead(string entry)
    {
        Check(entry);
        if (writing)
        {
            throw new NotSupportedException($"{name}: staged entries cannot be read before the directory is committed");
        }

        var key = location.Prefix + entry;
        var source = new S3ArraySource(client, $"{name.TrimEnd('/')}/{entry}", location with { Key = key });
        // Asked now (the first window), so that a missing entry fails here as the contract says, not at the first read.
        _ = source.Length;
        return source.OpenRead();
    }

    public Stream Create(string entry)
    {
        if (!writing)
        {
            throw new NotSupportedException($"{name} is being read, not written");
        }

        Check(entry);
        var upload = new S3Upload(client, $"{name.TrimEnd('/')}/{entry}", location with { Key = location.Prefix + entry });
        lock (staged)
        {
            staged.Add((entry, upload));
        }

        return new S3UploadStream(upload, u => Task.Run(() => u.SealAsync(CancellationToken.None)).GetAwaiter().GetResult());
    }

    public void Commit()
    {
        List<S3Upload> uploads;
        lock (staged)
        {
            uploads = [.. staged.Select(s => s.Upload)];
        }

        foreach (var upload in uploads)
        {
            upload.Complete();
        }

        committed = true;
    }

    public void Dispose()
    {
        if (committed)
        {
            return;
        }

        lock (staged)
        {
            foreach (var (_, upload) in staged)
            {
                upload.Abort();
            }
        }
    }

    private void Check(string entry)
    {
        if (entry.Length == 0 || entry.StartsWith('/') || entry.Contains('\\') || entry.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new MalformedArrayException($"entry name '{entry}' would escape the directory") { SourcePath = name };
        }
    }
}
