using Formats.Testing;

namespace Formats.Plugins.Npy.Tests.Interop;

public sealed class NpySmokeTests
{
    [Fact]
    public void ReadsWhatNumPyWrites()
    {
        using var dir = new TempDir();
        NumPy.Run("np.save('a.npy', np.arange(12, dtype='<f4').reshape(3, 4))", dir.Path);
        using var array = TestServices.Files().Read(dir.File("a.npy"));
        Assert.Equal(DType.Float32, array.DType);
        Assert.Equal(new ArrayShape(3, 4), array.Shape);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), array.ToArray<float>());
    }
}
