namespace Formats.Hosting;

/// <summary>What one <see cref="FolderWorker.RunOnceAsync"/> came to.</summary>
/// <param name="Converted">Files converted and moved to the done folder.</param>
/// <param name="Failed">Files moved to the failed folder, each with its <c>.error.txt</c>.</param>
public sealed record FolderWorkerResult(long Converted, long Failed);
