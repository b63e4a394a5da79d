using System.Buffers;
using Amazon.S3.Model;

namespace Formats.Storage.S3;

/// <summary>
/// One object being written: bytes fill a part buffer (<see cref="S3StorageOptions.PartSizeBytes"/>, the only memory
/// held), each full part goes up as a part of a multipart upload started at the first one, and the object appears only
/// at <see cref="Complete"/>. An object smaller than one part is sent with one PUT at completion instead. Until then,
/// <see cref="Abort"/> removes every part sent: nothing is left in the bucket.
/// </summary>
/// <remarks>
/// Bodies are sent whole with their length (no <c>aws-chunked</c> encoding): a part is in memory anyway, and stores
/// that do not decode chunked uploads (s3rver, some older S3-compatible servers) would otherwise keep the chunk
/// framing as the object's bytes.
/// </remarks>
internal sealed class S3Upload(S3Client client, string name, S3Location location)
{
    private readonly List<PartETag> parts = [];
    private byte[]? buffer;
    private int filled;
    private string? uploadId;
    private bool sealedLast;

    public string Name => name;

    public long Written { get; private set; }

    public bool Finished { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(Finished || sealedLast, this);
        while (!bytes.IsEmpty)
        {
            buffer ??= ArrayPool<byte>.Shared.Rent(client.Options.PartSizeBytes);
            var n = Math.Min(bytes.Length, client.Options.PartSizeBytes - filled);
            bytes[..n].CopyTo(buffer.AsSpan(filled));
            filled += n;
            Written += n;
            bytes = bytes[n..];
            if (filled == client.Options.PartSizeBytes)
            {
                S3Errors.Run(client, name, SendPartAsync);
            }
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Finished || sealedLast, this);
        while (!bytes.IsEmpty)
        {
            buffer ??= ArrayPool<byte>.Shared.Rent(client.Options.PartSizeBytes);
            var n = Math.Min(bytes.Length, client.Options.PartSizeBytes - filled);
            bytes.Span[..n].CopyTo(buffer.AsSpan(filled));
            filled += n;
            Written += n;
            bytes = bytes[n..];
            if (filled == client.Options.PartSizeBytes)
            {
                await S3Errors.RunAsync(client, name, SendPartAsync, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends what is buffered as the last part (starting the upload if need be), still without completing it.</summary>
    public async Task<bool> SealAsync(CancellationToken cancellationToken)
    {
        if (!sealedLast)
        {
            await S3Errors.RunAsync(client, name, SendPartAsync, cancellationToken).ConfigureAwait(false);
            sealedLast = true;
        }

        return true;
    }

    /// <summary>Makes the object visible: one PUT when nothing was sent yet (and nothing sealed), else the upload's completion.</summary>
    public void Complete() => S3Errors.Run(client, name, CompleteCoreAsync);

    /// <summary><see cref="Complete"/> without blocking.</summary>
    public Task<bool> CompleteAsync(CancellationToken cancellationToken) => S3Errors.RunAsync(client, name, CompleteCoreAsync, cancellationToken);

    private async Task<bool> CompleteCoreAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Finished, this);
        if (uploadId is null)
        {
            using var body = new MemoryStream(buffer ?? [], 0, filled, writable: false);
            await client.Api.PutObjectAsync(new PutObjectRequest { BucketName = location.Bucket, Key = location.Key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (!sealedLast)
            {
                await SendPartAsync(cancellationToken).ConfigureAwait(false);
            }

            await client.Api.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = location.Bucket,
                Key = location.Key,
                UploadId = uploadId,
                PartETags = parts,
            }, cancellationToken).ConfigureAwait(false);
        }

        Finished = true;
        Release();
        return true;
    }

    /// <summary>Drops the write: the upload (and every part sent) is aborted; nothing appears. Best effort, never throws.</summary>
    public void Abort()
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        Release();
        if (uploadId is null)
        {
            return;
        }

        try
        {
            Task.Run(() => client.Api.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key, UploadId = uploadId })).GetAwaiter().GetResult();
        }
        catch (Exception e) when (S3Errors.Map(client, name, e) is not null)
        {
            // The store is gone or refuses: a lifecycle rule (AbortIncompleteMultipartUpload) is the remedy; the failure
            // that led here is what the caller should see.
        }
    }

    private async Task<bool> SendPartAsync(CancellationToken cancellationToken)
    {
        uploadId ??= (await client.Api.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken).ConfigureAwait(false)).UploadId;
        var number = parts.Count + 1;
        using var body = new MemoryStream(buffer ?? [], 0, filled, writable: false);
        var response = await client.Api.UploadPartAsync(new UploadPartRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            UploadId = uploadId,
            PartNumber = number,
            InputStream = body,
            PartSize = filled,
            UseChunkEncoding = false,
        }, cancellationToken).ConfigureAwait(false);
        parts.Add(new PartETag(number, response.ETag));
        filled = 0;
        return true;
    }

    private void Release()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
