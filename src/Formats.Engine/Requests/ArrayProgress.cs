namespace Formats;

/// <summary>Progress of a long operation, in data bytes.</summary>
/// <param name="Member">The array being copied (empty for single-array files).</param>
/// <param name="BytesDone">Bytes copied so far over the whole operation.</param>
/// <param name="BytesTotal">Bytes to copy over the whole operation.</param>
public readonly record struct ArrayProgress(string Member, long BytesDone, long BytesTotal);
