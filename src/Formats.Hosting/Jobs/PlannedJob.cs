namespace Formats.Hosting;

/// <summary>One input's job in a <see cref="ConversionBatch"/>.</summary>
/// <param name="Job">The conversion.</param>
/// <param name="SameOutputAs">The earlier input whose output this job's would replace; null when its output is its own.</param>
public sealed record PlannedJob(ConversionJob Job, string? SameOutputAs);
