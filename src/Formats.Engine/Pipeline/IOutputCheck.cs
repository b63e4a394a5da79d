namespace Formats.Pipeline;

/// <summary>A directory format that checks a plan's arrays against its naming rules before anything is staged.</summary>
internal interface IOutputCheck
{
    /// <exception cref="ArrayFormatException">An array cannot be written under its name; the message names its input.</exception>
    void Check(IReadOnlyList<PlanInputs.Array> arrays, string output);
}
