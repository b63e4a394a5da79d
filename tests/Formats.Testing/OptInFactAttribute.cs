using Xunit;

namespace Formats.Testing;

/// <summary>A fact too costly for every run: skipped unless an environment variable is 1.</summary>
public abstract class OptInFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless <paramref name="variable"/> is 1, saying what it costs.</summary>
    /// <param name="variable">The environment variable that enables the test.</param>
    /// <param name="cost">Why it is opt-in, e.g. "moves more than 4 GiB".</param>
    protected OptInFactAttribute(string variable, string cost)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            Skip = $"{cost}; set {variable}=1 to run it";
        }
    }
}
