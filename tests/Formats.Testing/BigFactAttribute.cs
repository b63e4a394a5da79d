using Xunit;

namespace Formats.Testing;

/// <summary>A fact that moves gigabytes (files over 4 GiB): it runs only with FORMATS_BIG_TESTS=1 in the environment.</summary>
public sealed class BigFactAttribute : FactAttribute
{
    /// <summary>The environment variable that enables big tests.</summary>
    public const string Variable = "FORMATS_BIG_TESTS";

    /// <summary>Skips the test unless <see cref="Variable"/> is 1.</summary>
    public BigFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"moves more than 4 GiB; set {Variable}=1 to run it";
        }
    }
}
