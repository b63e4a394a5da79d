using Formats.Testing;

namespace Formats.Engine.Tests.Pipeline;

/// <summary>A conversion is a value: built, checked, logged and executed later, by the same pipeline as every write.</summary>
public sealed class ConversionPlanTests
{
    [Fact]
    public async Task APlanBuiltByHandJoinsInputsAlongAxisZeroLikeNpConcatenate()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(12, dtype='<i4').reshape(4, 3)); np.save('b.npy', np.arange(100, 106, dtype='<i4').reshape(2, 3))", dir.Path);
        var files = TestServices.Files();
        var plan = new ConversionPlan
        {
            Output = dir.File("joined.npy"),
            Arrays = [new PlannedArray("", [ArrayInput.FromFile(dir.File("a.npy"), new ReadRequest { RowStart = 1 }), ArrayInput.FromFile(dir.File("b.npy"))])],
        };

        Assert.Equal("npy", files.Validate(plan).Name);
        Assert.Equal($"write {dir.File("joined.npy")}: array <- {dir.File("a.npy")} rows 1: + {dir.File("b.npy")}", plan.ToString());
        var result = await files.ExecuteAsync(plan);

        Assert.Equal(5 * 3 * 4, result.DataBytes);
        Assert.Equal("True", NumPy.Run(
            "import io\nb = io.BytesIO(); np.save(b, np.concatenate([np.load('a.npy')[1:], np.load('b.npy')]))\nprint(b.getvalue() == open('joined.npy', 'rb').read())",
            dir.Path).Trim());
    }

    [Fact]
    public void PlanConversionOpensNothingItDoesNotNeedAndWritesNothing()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(3))", dir.Path);
        var files = TestServices.Files();

        var plan = files.PlanConversion(dir.File("a.npy"), dir.File("out.npy"), write: new WriteRequest { MemberName = "x" });

        var array = Assert.Single(plan.Arrays);
        Assert.Equal("x", array.Name);
        Assert.Equal(dir.File("a.npy"), Assert.Single(array.Parts).Path);
        Assert.Equal([dir.File("a.npy")], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ValidationRefusesAPlanItCannotExecute()
    {
        using var dir = new TempDir();
        var files = TestServices.Files();
        using var array = NDArray.FromValues<int>([1, 2]);
        var two = new[] { new PlannedArray("a", ArrayInput.FromArray(array)), new PlannedArray("b", ArrayInput.FromArray(array)) };

        var e = Assert.Throws<ArrayFormatException>(() => files.Validate(new ConversionPlan { Output = dir.File("x.npy"), Arrays = two }));
        Assert.Equal($"{dir.File("x.npy")}: format npy holds exactly one array, not 2", e.Message);
        var missing = Assert.Throws<ArrayFormatException>(() => files.Validate(new ConversionPlan { Output = dir.File("no/x.npy"), Arrays = two[..1] }));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.IsType<UnknownFormatException>(Assert.ThrowsAny<ArrayFormatException>(
            () => files.Validate(new ConversionPlan { Output = dir.File("x.csv"), Arrays = two[..1] })));
    }
}
