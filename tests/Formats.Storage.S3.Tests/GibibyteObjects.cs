using Amazon.S3.Model;
using Formats.Testing;

namespace Formats.Storage.S3.Tests;

/// <summary>
/// The measured objects, written by NumPy and uploaded once for the tests that count requests against them: a
/// 1 GiB stored archive of 100 members (10 MiB each, its central directory a few KiB) and a 1 GiB <c>.npy</c>.
/// </summary>
public sealed class GibibyteObjects : IDisposable
{
    public const int Members = 100;
    public const long MemberItems = (1L << 30) / 8 / Members;

    private readonly TempDir dir = new();
    private readonly Lazy<S3Fixture> s3;

    public GibibyteObjects()
    {
        s3 = new(() =>
        {
            NumPy.Run($$"""
                np.savez('big.npz', **{f'm{i:03}': np.full({{MemberItems}}, i, dtype='<f8') for i in range({{Members}})})
                np.save('big.npy', np.arange(1 << 27, dtype='<f8').reshape(1 << 17, 1 << 10))
                """, dir.Path);
            var fixture = new S3Fixture();
            foreach (var name in new[] { "big.npz", "big.npy" })
            {
                fixture.Client.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = name, FilePath = dir.File(name) }).GetAwaiter().GetResult();
                ArchiveLength = name == "big.npz" ? new FileInfo(dir.File(name)).Length : ArchiveLength;
            }

            // The local copies are not needed again: 2 GiB less on disk while the tests run.
            File.Delete(dir.File("big.npz"));
            File.Delete(dir.File("big.npy"));
            return fixture;
        });
    }

    internal S3Fixture S3 => s3.Value;

    /// <summary>The archive's size in bytes.</summary>
    public long ArchiveLength { get; private set; }

    public void Dispose()
    {
        if (s3.IsValueCreated)
        {
            s3.Value.Dispose();
        }

        dir.Dispose();
    }
}
