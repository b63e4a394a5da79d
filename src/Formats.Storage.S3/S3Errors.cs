using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace Formats.Storage.S3;

/// <summary>Turns the SDK's failures into the library's exceptions, one line naming the object (and the endpoint when unreachable).</summary>
internal static class S3Errors
{
    /// <summary>Runs an SDK call from synchronous code (the storage seam is synchronous), mapping its failures.</summary>
    public static T Run<T>(S3Client client, string name, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        // Off the caller's synchronization context, so that blocking on it cannot deadlock.
        try
        {
            return Task.Run(() => call(cancellationToken), cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (Map(client, name, e) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Awaits an SDK call, mapping its failures.</summary>
    public static async Task<T> RunAsync<T>(S3Client client, string name, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Map(client, name, e) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>The library's exception for <paramref name="e"/>, or null to let it through (cancellation, bugs).</summary>
    public static ArrayFormatException? Map(S3Client client, string name, Exception e)
    {
        if (e is OperationCanceledException && e.InnerException is not (TimeoutException or HttpRequestException))
        {
            return null;
        }

        return e switch
        {
            ArrayFormatException => null,
            AmazonS3Exception s3 => FromService(name, s3),
            AmazonServiceException { InnerException: HttpRequestException or IOException or TimeoutException } or HttpRequestException
                or TimeoutException or OperationCanceledException or IOException or System.Net.Sockets.SocketException =>
                new ArrayFileAccessException($"the store at {client.Endpoint} cannot be reached ({Innermost(e).Message.TrimEnd('.')})", missing: false, e) { SourcePath = name },
            AmazonClientException sdk => new ArrayFileAccessException($"the S3 client failed: {sdk.Message.TrimEnd('.')}", missing: false, e) { SourcePath = name },
            AmazonServiceException service => new ArrayFileAccessException($"the store refused: {service.Message.TrimEnd('.')}", missing: false, e) { SourcePath = name },
            _ => null,
        };
    }

    private static ArrayFileAccessException FromService(string name, AmazonS3Exception e) => (e.ErrorCode, e.StatusCode) switch
    {
        ("NoSuchBucket", _) => new ArrayFileAccessException("no such bucket", missing: true, e) { SourcePath = name },
        ("NoSuchKey", _) => new ArrayFileAccessException("no such object", missing: true, e) { SourcePath = name },
        ("NoSuchUpload", _) => new ArrayFileAccessException("the upload was aborted by the store", missing: false, e) { SourcePath = name },
        ("PreconditionFailed", _) or (_, HttpStatusCode.PreconditionFailed) =>
            new ArrayFileAccessException("the object changed while it was being read", missing: false, e) { SourcePath = name },
        (_, HttpStatusCode.NotFound) => new ArrayFileAccessException("no such object (or bucket)", missing: true, e) { SourcePath = name },
        ("AccessDenied", _) or (_, HttpStatusCode.Forbidden) => new ArrayFileAccessException("access denied", missing: false, e) { SourcePath = name },
        ("InvalidAccessKeyId" or "SignatureDoesNotMatch", _) =>
            new ArrayFileAccessException($"access denied: the credentials were refused ({e.ErrorCode})", missing: false, e) { SourcePath = name },
        _ => new ArrayFileAccessException($"the store refused: {e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)} {e.Message.TrimEnd('.')}", missing: false, e) { SourcePath = name },
    };

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
