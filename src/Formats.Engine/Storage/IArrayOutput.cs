namespace Formats;

/// <summary>
/// Where an array file is written: a local file (<see cref="FileArrayOutput"/>, written to a temporary file and renamed
/// into place), an object in a store (a multipart upload completed at commit), memory. Nothing is visible at the output
/// until the write is committed, so a failed or cancelled conversion leaves what was there. Pass one to
/// <see cref="ArrayFiles"/> (<c>Write</c>, <c>Convert</c>) or to <see cref="ConversionPlan.Destination"/>; a string location
/// is turned into one by an <see cref="IArrayStorage"/>.
/// </summary>
public interface IArrayOutput
{
    /// <summary>The output as the user named it (a path, <c>s3://bucket/key</c>); errors name it, and its extension chooses the format.</summary>
    string Name { get; }

    /// <summary>Starts a write; nothing is visible at <see cref="Name"/> until <see cref="IPendingArrayOutput.Commit"/>.</summary>
    /// <param name="expectedLength">The size the output will have when known (space may be reserved), else 0.</param>
    /// <exception cref="ArrayFormatException">The output cannot be created (its folder or bucket does not exist, access denied); the message names it.</exception>
    IPendingArrayOutput Create(long expectedLength = 0);
}
