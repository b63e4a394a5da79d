using Formats;
using Microsoft.Extensions.DependencyInjection;

namespace EmbeddingSample;

/// <summary>The README's embedding example.</summary>
public static class EmbeddingExample
{
    /// <summary>Reads a float64 .npy file and returns the sum of its values.</summary>
    public static double SumOf(string path)
    {
        var services = new ServiceCollection()
            .AddArrayFormats() // the engine plus every plugin the app references or finds in plugins/
            .BuildServiceProvider();
        var files = services.GetRequiredService<ArrayFiles>();

        using NDArray array = files.Read(path); // format chosen by magic bytes
        Console.WriteLine($"{array.DType} {array.Shape}"); // '<f8' (1000,)
        return array.ToArray<double>().Sum();
    }
}
