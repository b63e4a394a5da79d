using Formats.Testing;

namespace Formats.Plugins.Text.Tests.BadInput;

/// <summary>Text that np.loadtxt refuses, and arrays np.savetxt refuses: the library's exception, naming the problem.</summary>
public sealed class TextBadInputTests
{
    private readonly ArrayFiles files = TestServices.Files();

    [Theory]
    [InlineData("1,2\n3\n", "the number of columns changed from 2 to 1 at row 2")]
    [InlineData("1,2\n  # white space is a field\n3,4\n", "the number of columns changed from 2 to 1 at row 2")]
    [InlineData("1\n \n2\n", "could not convert string ' ' to float64 at row 1, column 1")]
    [InlineData("1,2\n3,x\n", "could not convert string 'x' to float64 at row 1, column 2")]
    [InlineData("1,,2\n", "could not convert string '' to float64 at row 0, column 2")]
    [InlineData("0x10\n", "could not convert string '0x10' to float64")]
    [InlineData("1_000\n", "could not convert string '1_000' to float64")]
    [InlineData("Infinity,∞\n", "could not convert string")]
    public void MalformedTextNamesTheFileTheRowAndTheValue(string text, string problem)
    {
        using var dir = new TempDir();
        var path = dir.File("bad.csv");
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));

        var e = Assert.ThrowsAny<ArrayFormatException>(() => { using var a = files.Read(path); });

        Assert.True(e.Message.Contains(problem, StringComparison.Ordinal), e.Message);
        Assert.Contains("bad.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonNumericReadDTypeIsRefused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.csv"), "1\n");
        var e = Assert.ThrowsAny<ArrayFormatException>(() => files.Read(dir.File("a.csv"), new ReadRequest().With(new TextReadOptions { DType = DType.Unicode(3) })));
        Assert.True(e.Message.Contains("boolean, integer or float16/32/64 dtype, not", StringComparison.Ordinal) && e.Message.Contains("<U3", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void UnseekableInputIsRefusedWithTheReason()
    {
        using var pipe = new NonSeekable(new MemoryStream("1,2\n"u8.ToArray()));
        var e = Assert.ThrowsAny<ArrayFormatException>(() => new CsvFormat().CreateReader(pipe, ArrayReadOptions.Default));
        Assert.Contains("seekable", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("np.zeros((2, 2, 2))", "1-D or 2-D")]
    [InlineData("np.array(1.5)", "1-D or 2-D")]
    [InlineData("np.array(['a', 'b'])", "cannot be written as text")]
    [InlineData("np.array(['2020-01-01'], dtype='M8[D]')", "cannot be written as text")]
    [InlineData("np.zeros(2, dtype=[('a', '<f8', (2,))])", "cannot be written as text")]
    public async Task ArraysSavetxtRefusesAreRefusedAndNothingIsWritten(string python, string problem)
    {
        using var dir = new TempDir();
        NumPy.Run($"np.save('a.npy', {python})", dir.Path);

        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.ConvertAsync(dir.File("a.npy"), dir.File("a.csv")));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("a.csv")));
    }

    [Fact]
    public async Task HeaderOutsideLatin1IsRefused()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(2.0))", dir.Path);
        var e = await Assert.ThrowsAnyAsync<ArrayFormatException>(() => files.ConvertAsync(dir.File("a.npy"), dir.File("a.txt"),
            write: new WriteRequest().With(new TextWriteOptions { Header = "λ" })));
        Assert.Contains("Latin-1", e.Message, StringComparison.Ordinal);
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
