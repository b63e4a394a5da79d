namespace Formats;

/// <summary>Turns the facade's requests and the engine's configured limits into the options formats take.</summary>
internal static class RequestOptions
{
    public static ArrayReadOptions ToReadOptions(ReadRequest request, ArrayFormatsOptions options)
    {
        var read = new ArrayReadOptions
        {
            MaxHeaderSize = request.MaxHeaderSize ?? options.MaxHeaderSize,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
        }.With(new DecompressionLimits { MaxCompressionRatio = options.MaxCompressionRatio });
        return request.ApplySections(request.Layout is { } layout ? read.With(layout) : read);
    }

    public static ArrayWriteOptions ToWriteOptions(WriteRequest request, ArrayFormatsOptions options) => request.ApplySections(new()
    {
        Compress = request.Compress,
        CompressionLevel = request.CompressionLevel,
        Alignment = request.Alignment,
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
    });
}
