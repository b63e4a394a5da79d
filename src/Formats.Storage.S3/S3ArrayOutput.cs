namespace Formats.Storage.S3;

/// <summary>An object as an <see cref="IArrayOutput"/>: each write is an <see cref="S3Upload"/> completed at commit.</summary>
internal sealed class S3ArrayOutput(S3Client client, string name, S3Location location) : IArrayOutput
{
    public string Name => name;

    public IPendingArrayOutput Create(long expectedLength = 0)
    {
        if (location.Key.Length == 0 || location.Key.EndsWith('/'))
        {
            throw new ArrayFormatException("an output object needs a key (s3://bucket/key), not a prefix") { SourcePath = name };
        }

        return new Pending(new S3Upload(client, name, location));
    }

    public override string ToString() => name;

    private sealed class Pending(S3Upload upload) : IPendingArrayOutput
    {
        public Stream Stream { get; } = new S3UploadStream(upload);

        public void Commit()
        {
            try
            {
                upload.Complete();
            }
            catch
            {
                upload.Abort();
                throw;
            }
        }

        public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                upload.Abort();
                throw;
            }
        }

        public void Dispose()
        {
            upload.Abort();
            Stream.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
