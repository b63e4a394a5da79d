using System.Globalization;
using Amazon.S3.Model;

namespace Formats.Storage.S3;

/// <summary>
/// An object as an <see cref="IArraySource"/>: ranged GETs, never a whole download. The first GET learns the length and
/// the ETag (from its <c>Content-Range</c>), and every later GET asks for that ETag, so all reads see one version of the
/// object. A few small windows are kept so that the header reads of routing and of the reader cost one GET.
/// </summary>
internal sealed class S3ArraySource : IArraySource
{
    private const int CachedWindows = 8;

    // A zip's end record is looked for in its last 64 KiB + 22 bytes; the window that holds it must be kept.
    private const int MinKeptWindowBytes = 128 << 10;

    private readonly S3Client client;
    private readonly S3Location location;
    private readonly Lock gate = new();
    private readonly LinkedList<(long Start, byte[] Bytes)> cache = new();
    private long length = -1;
    private string? etag;

    public S3ArraySource(S3Client client, string name, S3Location location)
    {
        this.client = client;
        this.location = location;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Windows this small are kept for the next reader; larger reads (data) are not.</summary>
    public int KeptWindowBytes => Math.Max(client.Options.ReadAheadBytes * 2, MinKeptWindowBytes);

    public long Length
    {
        get
        {
            lock (gate)
            {
                if (length >= 0)
                {
                    return length;
                }
            }

            // The first window is what routing reads next anyway.
            Window(0, client.Options.ReadAheadBytes);
            if (KnownLength < 0)
            {
                // A store that answered without a Content-Range.
                Head();
            }

            return KnownLength;
        }
    }

    /// <summary>True when the object exists (its first window, which routing reads next anyway, was fetched); false when the key names none.</summary>
    /// <exception cref="ArrayFileAccessException">The bucket does not exist, access is denied, or the store cannot be reached.</exception>
    public bool Exists()
    {
        try
        {
            return Length >= 0;
        }
        catch (ArrayFileAccessException e) when (e.Missing && e.InnerException is Amazon.S3.AmazonS3Exception { ErrorCode: not "NoSuchBucket" })
        {
            return false;
        }
    }

    public Stream OpenRead() => new S3ReadStream(this, client.Options.ReadAheadBytes, client.Options.MaxReadAheadBytes);

    public int ReadAt(long offset, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = FromCache(offset + total, buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (total == buffer.Length)
        {
            return total;
        }

        var size = Length;
        var start = offset + total;
        if (start >= size)
        {
            return total;
        }

        var count = (int)Math.Min(buffer.Length - total, size - start);
        if (count <= KeptWindowBytes)
        {
            // A small read (an archive's end record, which brings its central directory) is kept for the reads that follow.
            var window = Window(start, count);
            var n = Math.Min(count, window.Count);
            window.AsSpan(0, n).CopyTo(buffer[total..]);
            return total + n;
        }

        return total + GetInto(start, buffer.Slice(total, count));
    }

    /// <summary>
    /// Bytes at <paramref name="offset"/>: up to <paramref name="size"/> of them in one GET, read from a kept window when
    /// one holds the offset. A window that would run past the end is moved back to end there, so that a read of an
    /// archive's last bytes brings its central directory along. Small windows are kept for the next reader.
    /// </summary>
    public ArraySegment<byte> Window(long offset, int size)
    {
        lock (gate)
        {
            foreach (var (start, bytes) in cache)
            {
                if (offset >= start && offset < start + bytes.Length)
                {
                    return new ArraySegment<byte>(bytes, (int)(offset - start), (int)(start + bytes.Length - offset));
                }
            }
        }

        var known = KnownLength;
        var from = offset;
        if (known >= 0)
        {
            if (offset >= known)
            {
                return ArraySegment<byte>.Empty;
            }

            from = Math.Max(0, Math.Min(offset, known - size));
            size = (int)Math.Min(size, known - from);
        }

        var got = Get(from, size);
        if (got.Length <= KeptWindowBytes)
        {
            lock (gate)
            {
                cache.AddFirst((from, got));
                if (cache.Count > CachedWindows)
                {
                    cache.RemoveLast();
                }
            }
        }

        var skip = (int)Math.Min(offset - from, got.Length);
        return new ArraySegment<byte>(got, skip, got.Length - skip);
    }

    /// <summary>The length when a GET or HEAD has told it, else -1 (asks nothing).</summary>
    public long KnownLength
    {
        get
        {
            lock (gate)
            {
                return length;
            }
        }
    }

    private int FromCache(long offset, Span<byte> buffer)
    {
        lock (gate)
        {
            foreach (var (start, bytes) in cache)
            {
                if (offset >= start && offset < start + bytes.Length)
                {
                    var n = (int)Math.Min(buffer.Length, start + bytes.Length - offset);
                    bytes.AsSpan((int)(offset - start), n).CopyTo(buffer);
                    return n;
                }
            }
        }

        return 0;
    }

    // One ranged GET of [offset, offset + count), pinned to the ETag once it is known.
    private byte[] Get(long offset, int count)
    {
        var bytes = new byte[count];
        var n = GetInto(offset, bytes);
        return n == count ? bytes : bytes[..n];
    }

    // The same, read straight into the caller's memory: large data passes through no buffer of ours (no garbage per GET).
    private int GetInto(long offset, Span<byte> destination)
    {
        var request = new GetObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            ByteRange = new ByteRange(offset, offset + destination.Length - 1),
        };
        string? pinned;
        lock (gate)
        {
            pinned = etag;
        }

        if (pinned is not null)
        {
            request.EtagToMatch = pinned;
        }

        GetObjectResponse response;
        try
        {
            response = S3Errors.Run(client, Name, ct => client.Api.GetObjectAsync(request, ct));
        }
        catch (ArrayFileAccessException e) when (e.InnerException is Amazon.S3.AmazonS3Exception { StatusCode: System.Net.HttpStatusCode.RequestedRangeNotSatisfiable })
        {
            // A range past the end (or any range of an empty object): the length comes from a HEAD instead.
            Head();
            return 0;
        }

        using (response)
        {
            Learn(response.ContentRange, response.ETag);
            var n = (int)Math.Min(destination.Length, response.ContentLength);
            try
            {
                response.ResponseStream.ReadExactly(destination[..n]);
            }
            catch (Exception e) when (S3Errors.Map(client, Name, e) is { } mapped)
            {
                throw mapped;
            }

            return n;
        }
    }

    private void Head()
    {
        var metadata = S3Errors.Run(client, Name, ct => client.Api.GetObjectMetadataAsync(location.Bucket, location.Key, ct));
        lock (gate)
        {
            length = metadata.ContentLength;
            etag ??= metadata.ETag;
        }
    }

    private void Learn(string? contentRange, string? tag)
    {
        // "bytes 0-65535/1048576": the total follows the slash.
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        lock (gate)
        {
            etag ??= tag;
            if (length < 0 && slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                length = total;
            }
        }
    }

    public override string ToString() => Name;
}
