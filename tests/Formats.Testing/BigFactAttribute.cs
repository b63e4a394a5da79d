namespace Formats.Testing;

/// <summary>A fact that moves gigabytes (files over 4 GiB): it runs only with FORMATS_BIG_TESTS=1 in the environment.</summary>
public sealed class BigFactAttribute() : OptInFactAttribute(Variable, "moves more than 4 GiB")
{
    /// <summary>The environment variable that enables big tests.</summary>
    public const string Variable = "FORMATS_BIG_TESTS";
}
