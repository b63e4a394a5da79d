using System.IO.Hashing;

namespace Formats.Compression.Tests;

public sealed class Crc32CombineTests
{
    [Fact]
    public void Crc32CombineMatchesTheCrcOfTheWhole()
    {
        var random = new Random(11);
        var data = new byte[100_000];
        random.NextBytes(data);
        foreach (var cut in new[] { 0, 1, 7, 4096, 65_537, 99_999, 100_000 })
        {
            var combined = Crc32Combine.Combine(Crc32.HashToUInt32(data.AsSpan(0, cut)), Crc32.HashToUInt32(data.AsSpan(cut)), data.Length - cut);
            Assert.Equal(Crc32.HashToUInt32(data), combined);
        }
    }
}
