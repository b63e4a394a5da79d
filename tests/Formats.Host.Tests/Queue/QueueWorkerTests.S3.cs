using Amazon.S3;
using Amazon.S3.Model;
using Formats.Testing;

namespace Formats.Host.Tests.Queue;

/// <summary>Queue workers that share no folder: inputs, outputs and the outbox are <c>s3://</c> locations on the S3 test server.</summary>
public sealed partial class QueueWorkerTests
{
    [BrokerFact]
    public async Task TwoWorkersSharingNoFolderConvertAnS3PrefixIntoAnS3OutboxOnceEachAndARerunWritesTheSameBytes()
    {
        using var dir = new TempDir();
        var endpoint = S3TestServer.Url ?? throw new InvalidOperationException("no S3 server: set FORMATS_TEST_S3 or install moto");
        using var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var bucket = "queue" + Guid.NewGuid().ToString("N")[..20];
        await s3.PutBucketAsync(bucket);
        var inbox = MakeInputs(dir, 40, elements: 4096);
        foreach (var file in Directory.EnumerateFiles(inbox))
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "raw/" + Path.GetFileName(file), FilePath = file });
        }

        var queue = Broker.NewQueueName();
        // The only root the workers may use is the bucket: no folder of this machine is theirs.
        var workers = StartWorkers(2, queue, $"s3://{bucket}/", parallel: 2, "--endpoint-url", endpoint);
        try
        {
            var submit = Submit(queue, $"s3://{bucket}/raw/", $"s3://{bucket}/archive/", "--wait", "--endpoint-url", endpoint);
            Assert.True(await submit.WaitForExitAsync() == 0, submit.Log);
            Assert.Contains("40 converted, 0 dead-lettered", submit.Log, StringComparison.Ordinal);
            var first = await GetAsync(s3, bucket, "archive/j007.npz");

            // The same job again, as a redelivery would run it: the output is replaced by identical bytes.
            var again = Submit(queue, $"s3://{bucket}/raw/j007.npy", $"s3://{bucket}/archive/", "--wait", "--endpoint-url", endpoint);
            Assert.True(await again.WaitForExitAsync() == 0, again.Log);
            foreach (var w in workers)
            {
                Assert.Equal(0, await w.TerminateAsync());
            }

            var commits = workers.SelectMany(w => Commits(w.Lines)).ToList();
            Assert.Equal(41, commits.Count);
            Assert.Equal(40, commits.Distinct(StringComparer.Ordinal).Count());
            Assert.All(commits, c => Assert.StartsWith($"s3://{bucket}/archive/j", c, StringComparison.Ordinal));
            Assert.All(workers, w => Assert.NotEmpty(Commits(w.Lines)));
            Assert.Equal(first, await GetAsync(s3, bucket, "archive/j007.npz"));
            var outbox = Directory.CreateDirectory(dir.File("archive")).FullName;
            var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "archive/" });
            foreach (var key in listed.S3Objects!.Select(o => o.Key))
            {
                await File.WriteAllBytesAsync(Path.Combine(outbox, key["archive/".Length..]), await GetAsync(s3, bucket, key));
            }

            AssertOutputs(outbox, 40, elements: 4096);
            Assert.Empty((await s3.ListMultipartUploadsAsync(bucket)).MultipartUploads ?? []);
        }
        finally
        {
            Dispose(workers);
            await Broker.DeleteAsync(queue);
        }
    }

    private static async Task<byte[]> GetAsync(AmazonS3Client s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
