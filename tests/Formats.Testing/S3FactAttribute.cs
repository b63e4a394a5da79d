using Xunit;

namespace Formats.Testing;

/// <summary>A fact that needs <see cref="S3TestServer"/>: skipped only outside CI when no server can be had.</summary>
public sealed class S3FactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when there is no server.</summary>
    public S3FactAttribute() => Skip = S3TestServer.SkipReason;
}
