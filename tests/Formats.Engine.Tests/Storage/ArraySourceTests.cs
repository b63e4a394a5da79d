using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Engine.Tests.Storage;

/// <summary>
/// The source/output seam as a store plugin would use it: a custom <see cref="IArraySource"/> and <see cref="IArrayOutput"/>
/// passed to <see cref="ArrayFiles"/>, and an <see cref="IArrayStorage"/> registered so that location strings reach them.
/// </summary>
public sealed class ArraySourceTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly MemoryStore store = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ACustomSourceIsInspectedReadAndConvertedIntoACustomOutput()
    {
        NumPy.Run("np.save('a.npy', np.arange(12.0).reshape(3, 4))", dir.Path);
        store.Objects["b/a.npy"] = File.ReadAllBytes(dir.File("a.npy"));
        var files = TestServices.Files();

        var info = files.Inspect(store.Source("b/a.npy"));
        using var array = files.Read(store.Source("b/a.npy"), new ReadRequest { RowStart = 1 });
        var result = files.Convert(store.Source("b/a.npy"), store.Output("b/out.npy"));

        Assert.Equal("mem://b/a.npy", info.Path);
        Assert.Equal(new ArrayShape(3, 4), Assert.Single(info.Entries).Header.Shape);
        Assert.Equal([4.0, 5, 6, 7, 8, 9, 10, 11], array.AsSpan<double>().ToArray());
        Assert.Equal("mem://b/out.npy", result.Output);
        Assert.Equal(1, store.Commits);
        File.WriteAllBytes(dir.File("out.npy"), store.Objects["b/out.npy"]);
        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('out.npy'), np.load('a.npy')))", dir.Path).Trim());
    }

    [Fact]
    public void ALargeArrayIsReadWithPositionalReadsOfTheSource()
    {
        // Over the 16 MiB above which stored data is read positionally, in parallel, where the machine has the cores.
        using var big = NDArray.FromValues<double>([.. Enumerable.Range(0, 3 << 20).Select(i => (double)i)], [3 << 10, 1 << 10]);
        var files = TestServices.Files();
        files.Write(store.Output("big.npy"), big);

        using var read = files.Read(store.Source("big.npy"));

        Assert.True(big.AsSpan<double>().SequenceEqual(read.AsSpan<double>()));
        Assert.Equal(Environment.ProcessorCount >= 2, store.PositionalReads > 0);
    }

    [Fact]
    public async Task ACancelledConversionRollsTheOutputBackAndLeavesNothing()
    {
        // Two copy chunks (4 MiB each): cancelled after the first, with the output half written.
        using var array = NDArray.FromValues<double>([.. Enumerable.Range(0, 1 << 20).Select(i => (double)i)]);
        var files = TestServices.Files();
        files.Write(store.Output("in.npy"), array);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => files.ConvertAsync(store.Source("in.npy"), store.Output("out.npy"),
            progress: new SyncProgress(_ => cancel.Cancel()), cancellationToken: cancel.Token));

        Assert.Equal(["in.npy"], store.Objects.Keys);
        Assert.Equal((1, 1), (store.Commits, store.Aborts));
    }

    [Fact]
    public void AWriteThatFailsMidwayRollsTheOutputBack()
    {
        // The range check refuses 300 while the data is copied: the upload has begun and must not be published.
        using var array = NDArray.FromValues<int>([1, 2, 300]);
        var files = TestServices.Files();

        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Write(store.Output("x.npy"), array,
            new WriteRequest { Cast = new CastRequest(DType.UInt8) { CheckRange = true } }));

        Assert.Contains("300", e.Message, StringComparison.Ordinal);
        Assert.Empty(store.Objects);
        Assert.Equal((0, 1), (store.Commits, store.Aborts));
    }

    [Fact]
    public async Task APlanOfSourcesIntoADestinationConcatenatesTheirRows()
    {
        var files = TestServices.Files();
        using var first = NDArray.FromValues<int>([1, 2, 3, 4], [2, 2]);
        using var second = NDArray.FromValues<int>([5, 6], [1, 2]);
        files.Write(store.Output("p1.npy"), first);
        files.Write(store.Output("p2.npy"), second);

        var plan = new ConversionPlan
        {
            Destination = store.Output("joined.npy"),
            Arrays = [new PlannedArray("", [ArrayInput.FromSource(store.Source("p1.npy")), ArrayInput.FromSource(store.Source("p2.npy"))])],
        };
        Assert.Equal("npy", files.Validate(plan).Name);
        Assert.Equal(128 + (6 * sizeof(int)), await files.MeasureAsync(plan));
        await files.ExecuteAsync(plan);

        using var joined = files.Read(store.Source("joined.npy"));
        Assert.Equal(new ArrayShape(3, 2), joined.Shape);
        Assert.Equal([1, 2, 3, 4, 5, 6], joined.AsSpan<int>().ToArray());
        Assert.StartsWith("write mem://joined.npy: array <- mem://p1.npy + mem://p2.npy", plan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARegisteredStorageServesLocationStringsEverywhereAPathIsAccepted()
    {
        var files = FilesWithStorage();
        using var array = NDArray.FromValues<short>([7, 8, 9]);
        files.Write("mem://b/x.npy", array);

        var info = files.Inspect("mem://b/x.npy");
        files.Convert("mem://b/x.npy", "mem://b/x.raw");
        var missing = Assert.Throws<ArrayFileAccessException>(() => files.Read("mem://b/none.npy"));

        Assert.Equal("mem://b/x.npy", info.Path);
        Assert.Equal([7, 0, 8, 0, 9, 0], store.Objects["b/x.raw"]);
        Assert.Equal(("mem://b/none.npy", true), (missing.SourcePath, missing.Missing));
        Assert.False(File.Exists("mem:/b/x.npy"));
    }

    [Fact]
    public void APrefixIsAFolderInputAndAFolderOutput()
    {
        var files = FilesWithStorage();
        using var array = NDArray.FromValues<int>([1, 2, 3]);
        files.Write("mem://b/in/only.npy", array);
        store.Objects["b/in/notes.txt"] = [1];

        var packed = files.Convert("mem://b/in/", "mem://b/packed.npy");
        var extracted = files.Convert("mem://b/packed.npy", "mem://b/out/");

        Assert.Equal(["only"], packed.Arrays);
        Assert.Equal(["packed"], extracted.Arrays);
        Assert.Equal("npy", extracted.Format.Name);
        Assert.Equal(store.Objects["b/in/only.npy"], store.Objects["b/out/packed.npy"]);
    }

    private ArrayFiles FilesWithStorage()
    {
        var services = new ServiceCollection();
        services.AddArrayFormats();
        services.AddSingleton<IArrayStorage>(new MemoryStorage(store));
        return services.BuildServiceProvider().GetRequiredService<ArrayFiles>();
    }

    // Progress<T> posts to the thread pool; the test needs the report to land before the next chunk is read.
    private sealed class SyncProgress(Action<ArrayProgress> report) : IProgress<ArrayProgress>
    {
        public void Report(ArrayProgress value) => report(value);
    }
}
