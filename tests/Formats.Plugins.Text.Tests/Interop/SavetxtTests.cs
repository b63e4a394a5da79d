namespace Formats.Plugins.Text.Tests.Interop;

/// <summary>Every array written as text is np.savetxt's file byte for byte, with the same fmt, delimiter and header.</summary>
public sealed class SavetxtTests(TextCorpus corpus) : IClassFixture<TextCorpus>
{
    public static TheoryData<string> Names => [.. TextCorpus.Savetxt.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ConvertingNpyToTextWritesWhatSavetxtWrites(string name)
    {
        var c = TextCorpus.Savetxt.Single(x => x.Name == name);
        var output = corpus.File($"ours_{name}.{c.Extension}");

        await corpus.Files.ConvertAsync(corpus.File(name + ".npy"), output,
            write: new WriteRequest().With(new TextWriteOptions { Format = c.Format, Header = c.Header }));

        Assert.Equal(File.ReadAllBytes(corpus.File($"{name}.{c.Extension}")), File.ReadAllBytes(output));
    }
}
