using Formats.Numpy;
using Formats.Testing;

namespace Formats.Host.Tests.Commands;

/// <summary>Every bad argument or option value is one plain <c>error:</c> line and the usage exit code, before any file is touched.</summary>
public sealed class BadArgumentTests
{
    [Theory]
    [InlineData("--level max", "error: --level must be a whole number from 0 to 9, not 'max'")]
    [InlineData("--level 10", "error: --level must be a whole number from 0 to 9, not '10'")]
    [InlineData("--align 3", "error: --align must be a power of two from 1 to 65536, not '3'")]
    [InlineData("--align x", "error: --align must be a power of two from 1 to 65536, not 'x'")]
    [InlineData("--align 131072", "error: --align must be a power of two from 1 to 65536, not '131072'")]
    [InlineData("--dtype <f4 --offset abc", "error: --offset must be a whole number, not 'abc'")]
    [InlineData("--max-header-size x", "error: --max-header-size must be a whole number of at least 64, not 'x'")]
    [InlineData("--rows 1:x", "error: --rows: rows '1:x' is not START:STOP")]
    [InlineData("--dtype <f4 --order Z", "error: --order must be C or F, not 'Z'")]
    [InlineData("--dtype garbage", "error: --dtype: 'garbage' is not a valid dtype descriptor")]
    [InlineData("--dtype <f4 --shape a,b", "error: --shape: shape 'a,b' is not a list of integers (non-negative, or one -1)")]
    [InlineData("--dtype <f4 --shape -1,-1", "error: --shape: can only specify one unknown dimension")]
    [InlineData("--bogus", "error: Unrecognized command or argument '--bogus'.")]
    public async Task IsOneUsageErrorLine(string options, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a.npy"), [.. NpyHeaderCodec.Encode(ArrayHeader.Create(DType.Int8, 2)), 1, 2]);
        var (code, stdout, stderr) = await Cli.RunAsync(["convert", dir.File("a.npy"), dir.File("out.npz"), .. options.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd());
        Assert.Equal([dir.File("a.npy")], Directory.GetFiles(dir.Path));
    }
}
