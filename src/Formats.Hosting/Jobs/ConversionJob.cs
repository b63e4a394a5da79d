using System.Text.Json;

namespace Formats.Hosting;

/// <summary>
/// One conversion, in plain values so that it can come from configuration, travel in a queue message and be run
/// later: what <c>ArrayFiles.Convert</c>
/// takes (input, output, how to read, how to write), plus the ids a transport uses to follow it. The folder worker's
/// rules, queue messages and <c>formats convert --outdir</c> all run jobs.
/// </summary>
/// <remarks>
/// As JSON (<see cref="ToJson"/>, <see cref="FromJson(ReadOnlySpan{byte})"/>) names are camelCase, nulls are left out and
/// names are read case-insensitively: <c>{"id":"3f…","batch":"a1…","input":"/data/r1.raw","output":"/data/r1.npz",
/// "read":{"dtype":"&lt;i2","shape":"-1,64"},"write":{"format":"npz","compress":true,"member":"r1"}}</c>.
/// </remarks>
public sealed record ConversionJob
{
    /// <summary>Unique per job where a transport needs it (a queue's message id); null otherwise.</summary>
    public string? Id { get; init; }

    /// <summary>The submission the job belongs to (results and dead letters carry it back); null otherwise.</summary>
    public string? Batch { get; init; }

    /// <summary>The file to convert.</summary>
    public required string Input { get; init; }

    /// <summary>The file to write, committed by rename: a rerun leaves the same bytes in the same place.</summary>
    public required string Output { get; init; }

    /// <summary>How to read the input; null: detect the format, one array.</summary>
    public JobRead? Read { get; init; }

    /// <summary>How to write the output; null: the output's format from its extension, defaults otherwise.</summary>
    public JobWrite? Write { get; init; }

    /// <summary>The engine's read request (a shape's -1 is inferred from the input's size by the raw reader).</summary>
    /// <exception cref="ArrayFormatException">The read layout is not valid (unknown dtype, bad shape or order).</exception>
    public ReadRequest ToReadRequest() => Read?.ToRequest(Input) ?? ReadRequest.Default;

    /// <summary>The engine's write request.</summary>
    public WriteRequest ToWriteRequest() => Write?.ToRequest() ?? new WriteRequest();

    /// <summary>The job as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, HostingJson.Default.ConversionJob);

    /// <summary>Reads a job from UTF-8 JSON.</summary>
    /// <exception cref="JsonException">Not a conversion job (not JSON, or without input or output).</exception>
    public static ConversionJob FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, HostingJson.Default.ConversionJob) ?? throw new JsonException("a conversion job, not null");

    /// <summary>Reads a job from JSON text.</summary>
    /// <exception cref="JsonException">Not a conversion job.</exception>
    public static ConversionJob FromJson(string json) =>
        JsonSerializer.Deserialize(json, HostingJson.Default.ConversionJob) ?? throw new JsonException("a conversion job, not null");
}
