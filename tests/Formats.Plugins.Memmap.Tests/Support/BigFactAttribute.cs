namespace Formats.Plugins.Memmap.Tests.Support;

/// <summary>A fact that runs only when FORMATS_BIG_TESTS=1: it maps a file larger than 4 GiB.</summary>
public sealed class BigFactAttribute : FactAttribute
{
    public const string Variable = "FORMATS_BIG_TESTS";

    public BigFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"maps a file larger than 4 GiB; set {Variable}=1 to run it";
        }
    }
}
