namespace Formats.Host.Commands;

/// <summary>Locations in a store reached over the network (<c>scheme://...</c>, such as <c>s3://</c>), where each read is a request.</summary>
internal static class RemoteLocation
{
    public static bool Is(string location) =>
        location.IndexOf("://", StringComparison.Ordinal) is var at and > 0 && location[..at].All(char.IsAsciiLetterOrDigit);
}
