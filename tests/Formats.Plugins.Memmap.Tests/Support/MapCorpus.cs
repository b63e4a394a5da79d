using System.Security.Cryptography;
using Formats.Discovery;
using Formats.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Memmap.Tests.Support;

/// <summary>
/// Files NumPy wrote once per test class: NPY in C and Fortran order, a raw buffer behind a 13-byte prefix in Fortran
/// order (np.memmap's offset and order), a stored archive (np.savez, whose members are not aligned) and a deflated one.
/// Tests that change a file work on a copy (<see cref="Copy"/>).
/// </summary>
public sealed class MapCorpus : IDisposable
{
    public const string Script = """
        a = (np.arange(24, dtype='<f8').reshape(4, 6) * 1.5 - 7)
        np.save('c.npy', a)
        np.save('f.npy', np.asfortranarray(np.arange(35, dtype='<i4').reshape(5, 7) * 3 - 50))
        np.save('empty.npy', np.zeros((0, 5), '<f4'))
        b = np.arange(35, dtype='<i2').reshape(5, 7) - 17
        with open('raw.dat', 'wb') as f:
            f.write(b'x' * 13)
            f.write(b.tobytes(order='F'))
        np.savez('stored.npz', a=np.arange(10, dtype='<f8') / 4, b=np.arange(12, dtype='<i4').reshape(3, 4) - 5, e=np.zeros((0, 3), '<f4'))
        np.savez_compressed('deflated.npz', x=np.arange(100.0))
        """;

    private readonly ServiceProvider services;

    public MapCorpus()
    {
        NumPy.Run(Script, Dir.Path);
        services = TestServices.Create();
        Files = services.GetRequiredService<ArrayFiles>();
    }

    public TempDir Dir { get; } = new();

    public ArrayFiles Files { get; }

    /// <summary>The mapper the plugin registered, for calls below the engine.</summary>
    public IArrayMapper Mapper => services.GetRequiredService<PluginCatalog>().GetService<IArrayMapper>()
        ?? throw new InvalidOperationException("the memmap plugin did not register a mapper");

    public static RawLayout RawLayout => new(DType.Int16, new ArrayShape(5, 7), 13, ArrayOrder.Fortran);

    public string Path(string name) => Dir.File(name);

    /// <summary>A fresh copy of a corpus file, for tests that change it.</summary>
    public string Copy(string name, TempDir into)
    {
        var path = into.File(name);
        File.Copy(Path(name), path);
        return path;
    }

    /// <summary>Runs a NumPy script in the corpus folder.</summary>
    public string Py(string script) => NumPy.Run(script, Dir.Path).Trim();

    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose()
    {
        services.Dispose();
        Dir.Dispose();
    }
}
