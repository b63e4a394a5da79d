namespace Company.FormatPlugin.Tests;

public sealed class ExampleFormatTests
{
    private readonly ExampleFormat format = new();

    [Fact]
    public void WrittenValuesReadBackAndTheDetectorKnowsTheFile()
    {
        double[] values = [1.5, -2, 3.25];
        using var file = new MemoryStream();
        using (var writer = format.CreateWriter(file, new ArrayWriteOptions()))
        {
            using var data = writer.BeginArray(null, ArrayHeader.Create(DType.Float64, values.Length));
            data.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            data.Complete();
            writer.Complete();
        }

        Assert.True(format.Detector!.IsMatch(file.ToArray().AsSpan(0, format.Detector.HeaderSize)));
        file.Position = 0;
        using var reader = format.CreateReader(file, new ArrayReadOptions());
        var entry = Assert.Single(reader.Entries);
        Assert.Equal(ArrayHeader.Create(DType.Float64, values.Length), entry.Header);
        using var stream = reader.OpenData();
        var read = new double[values.Length];
        stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(read.AsSpan()));
        Assert.Equal(values, read);
    }

    [Fact]
    public void AFileWithoutTheMagicIsRefused()
    {
        using var file = new MemoryStream(new byte[32]);
        Assert.Throws<MalformedArrayException>(() => format.CreateReader(file, new ArrayReadOptions()));
    }
}
