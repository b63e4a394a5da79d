namespace Formats.Plugins.Npz.Tests.Support;

/// <summary>A test that moves gigabytes: it runs only with FORMATS_BIG_TESTS=1 in the environment.</summary>
public sealed class BigTestFactAttribute : FactAttribute
{
    public const string Variable = "FORMATS_BIG_TESTS";

    public BigTestFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"writes and reads more than 4 GiB: set {Variable}=1 to run";
        }
    }
}
