using Xunit;

namespace Formats.Testing;

/// <summary>
/// A fact that publishes the program ahead of time (minutes of native compilation): it runs with FORMATS_NATIVE_TESTS=1,
/// which <c>.ci/run</c> sets.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    /// <summary>The environment variable that enables native-publish tests.</summary>
    public const string Variable = "FORMATS_NATIVE_TESTS";

    /// <summary>Skips the test unless <see cref="Variable"/> is 1.</summary>
    public NativeFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"publishes a native program; set {Variable}=1 to run it";
        }
    }
}
