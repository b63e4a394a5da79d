using System.Text.Json.Serialization;
using Formats.Numpy;

namespace Formats.Host.Queue;

/// <summary>
/// One conversion as a queue message: what <see cref="ArrayFiles.ConvertAsync(string, string, ReadRequest?, WriteRequest?, IProgress{ArrayProgress}?, CancellationToken)"/> takes (input, output, how to read,
/// how to write), plus the ids that let <c>formats submit --wait</c> follow it. Paths are absolute on the shared
/// filesystem, the same on every machine.
/// </summary>
/// <param name="Id">Unique per job; the AMQP message id too.</param>
/// <param name="Batch">The submit run that published it; results and dead letters carry it back.</param>
/// <param name="Input">The file to convert.</param>
/// <param name="Output">The file to write (committed by rename: a rerun leaves the same bytes in the same place).</param>
/// <param name="Read">How to read the input (null: detect the format, one array).</param>
/// <param name="Write">How to write the output.</param>
internal sealed record ConversionJob(string Id, string Batch, string Input, string Output, JobRead? Read, JobWrite Write)
{
    /// <summary>The engine's read request for the input at <paramref name="input"/> (a shape's -1 is inferred from its size).</summary>
    public ReadRequest ToReadRequest(string input) => Read?.ToRequest(input) ?? ReadRequest.Default;

    /// <summary>The engine's write request.</summary>
    public WriteRequest ToWriteRequest() => Write.ToRequest();
}

/// <summary>
/// <see cref="ReadRequest"/> as JSON: dtype and shape as NumPy writes them (<c>&lt;f8</c>, <c>100,3</c>). The dtype is
/// <c>dtype</c>, as docs/scale-out.md spells it; names are matched case-insensitively, so jobs from submits that wrote
/// <c>dType</c> are still read.
/// </summary>
internal sealed record JobRead(string? Format = null, string? Member = null, [property: JsonPropertyName("dtype")] string? DType = null, string? Shape = null,
    long Offset = 0, bool FortranOrder = false, long? RowStart = null, long? RowStop = null)
{
    public static JobRead? From(ReadRequest read) =>
        read == ReadRequest.Default
            ? null
            : new JobRead(read.Format, read.Member, read.Layout?.DType.ToString(), read.Layout?.GetShapeWithUnknown() is { } s ? string.Join(',', s) : null,
                read.Layout?.Offset ?? 0, read.Layout?.Order == ArrayOrder.Fortran, read.RowStart, read.RowStop);

    /// <exception cref="ArrayFormatException">The dtype or shape text is not valid, or a -1 does not fit the input's size: the job is bad input.</exception>
    public ReadRequest ToRequest(string input)
    {
        RawLayout? layout = null;
        if (DType is not null)
        {
            var dtype = DTypeDescr.Parse(DType);
            layout = new RawLayout(dtype, null, Offset, FortranOrder ? ArrayOrder.Fortran : ArrayOrder.C);

            // One -1 is inferred from the input's size by the raw reader, as for the folder worker's rules (docs/scale-out.md shows "-1,64").
            layout = Shape is null ? layout : layout.WithShape(RawLayout.ParseShape(Shape));
        }

        return new()
        {
            Format = Format,
            Member = Member,
            Layout = layout,
            RowStart = RowStart,
            RowStop = RowStop,
        };
    }
}

/// <summary><see cref="WriteRequest"/> as JSON.</summary>
internal sealed record JobWrite(string Format, bool Compress = false, int? Level = null, int Alignment = 0, string? Member = null)
{
    public static JobWrite From(WriteRequest write, string format) =>
        new(format, write.Compress, write.CompressionLevel, write.Alignment, write.MemberName);

    public WriteRequest ToRequest() => new()
    {
        Format = Format,
        Compress = Compress,
        CompressionLevel = Level,
        Alignment = Alignment,
        MemberName = Member,
    };
}

/// <summary>What a worker publishes on the results exchange once a job's output is committed.</summary>
/// <param name="Id">The job.</param>
/// <param name="Batch">The job's batch.</param>
/// <param name="Output">The file committed.</param>
/// <param name="Bytes">Array data bytes written.</param>
/// <param name="Worker">host:pid of the worker that did it.</param>
internal sealed record JobResult(string Id, string Batch, string Output, long Bytes, string Worker);

/// <summary>System.Text.Json source generation for the queue's messages (camelCase, nulls left out, names read case-insensitively).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ConversionJob))]
[JsonSerializable(typeof(JobResult))]
internal sealed partial class QueueJson : JsonSerializerContext;
