namespace Formats.Testing;

/// <summary>
/// A fact that publishes the program ahead of time (minutes of native compilation): it runs with FORMATS_NATIVE_TESTS=1,
/// which <c>.ci/run</c> sets.
/// </summary>
public sealed class NativeFactAttribute() : OptInFactAttribute(Variable, "publishes a native program")
{
    /// <summary>The environment variable that enables native-publish tests.</summary>
    public const string Variable = "FORMATS_NATIVE_TESTS";
}
