using Formats.Compression.Inflate;
using Formats.Plugins.Npz.Reading;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Plugins.Npz.Zip;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Reading;

/// <summary>
/// A member written by the real <c>np.savez_compressed</c> (one deflate stream, no restart index): a full read on
/// two threads inflates it in parallel without an index, byte for byte what one thread reads.
/// </summary>
public sealed class NumPyWrittenInflateTests
{
    [Fact]
    public void FullReadsOfNumPysCompressedMembersInflateInParallelByteExact()
    {
        // Off by default (measured slower on the shared 2-core machine); process-wide, and no other test here
        // depends on it being off: a member without an index otherwise inflates through zlib on one thread.
        AppContext.SetSwitch(SplitInflatedInput.Switch, true);
        using var dir = new TempDir();
        NumPy.Run("""
            rng = np.random.default_rng(3)
            n = 2 << 20
            np.savez_compressed("x.npz", np.arange(n, dtype=np.int32) + rng.integers(1, 20, n, dtype=np.int32))
            """, dir.Path);
        var archive = File.ReadAllBytes(dir.File("x.npz"));

        using var one = IndexedNpz.OpenInput(archive, "arr_0.npy", 1);
        var expected = IndexedNpz.ReadAll(one, 1 << 20);
        one.CheckEnd();
        Assert.Equal((2 << 20) * 4, expected.Length - 128);

        using var two = IndexedNpz.OpenInput(archive, "arr_0.npy", 2);
        var split = Assert.IsType<SplitInflatedInput>(two.Inner);
        Assert.Equal(expected, IndexedNpz.ReadAll(two, 1 << 20));
        two.CheckEnd();
        Assert.False(split.FellBack);
    }

    [Fact]
    public void OneThreadReadsOfNumPysCompressedMembersUseOurDecoderAndGiveNumPysArray()
    {
        using var dir = new TempDir();
        NumPy.Run("""
            rng = np.random.default_rng(5)
            n = 1 << 19
            a = (np.arange(n, dtype=np.int32) * 3 + rng.integers(0, 4, n, dtype=np.int32)).reshape(-1, 8)
            np.savez_compressed("x.npz", a)
            np.save("x.npy", a)
            """, dir.Path);
        var archive = File.ReadAllBytes(dir.File("x.npz"));
        var npy = File.ReadAllBytes(dir.File("x.npy"));
        var data = npy[(10 + BitConverter.ToUInt16(npy, 8))..];

        // Reading the data on one thread: our decoder alone (no guesses), as it beats zlib on such data.
        using (var input = MemberInput.Open(
            new ZipSource(new MemoryStream(archive)),
            IndexedNpz.Entry(archive, "arr_0.npy"),
            ZipLocalHeader.DataStart(new ZipSource(new MemoryStream(archive)), IndexedNpz.Entry(archive, "arr_0.npy"), ZipDirectory.Read(new ZipSource(new MemoryStream(archive))).CentralDirectoryOffset),
            parallelism: 1,
            forData: true))
        {
            var alone = Assert.IsType<SplitInflatedInput>(input.Inner);
            Assert.Equal(data, IndexedNpz.ReadAll(input, 1 << 16)[^data.Length..]);
            input.CheckEnd();
            Assert.False(alone.FellBack);
            Assert.Equal(0, alone.GuessesTaken + alone.GuessesMissed);
        }

        Assert.Equal(data, IndexedNpz.Read(archive, "arr_0", 1));
        Assert.Equal(data[(60_000 * 32)..(60_010 * 32)], IndexedNpz.Read(archive, "arr_0", 1, new RowRange(60_000, 60_010)));
    }
}
