using System.Net.Sockets;
using global::RabbitMQ.Client.Exceptions;

namespace Formats.Hosting.RabbitMQ;

/// <summary>
/// Why a connection to the broker failed, in words an operator can act on. The client reports every cause as
/// "None of the specified endpoints were reachable"; the cause is somewhere in its inner exceptions.
/// </summary>
internal static class BrokerFailure
{
    /// <summary>The one-line cause of <paramref name="e"/> (connection refused, name not resolved, authentication failed, vhost missing...).</summary>
    public static string Cause(string url, Exception e)
    {
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null;
        var chain = Flatten(e).ToList();
        if (chain.OfType<AuthenticationFailureException>().Any() || chain.OfType<PossibleAuthenticationFailureException>().Any()
            || chain.OfType<OperationInterruptedException>().Any(o => o.ShutdownReason?.ReplyCode == 403))
        {
            return $"authentication failed for user '{User(uri)}' (wrong user name or password)";
        }

        if (chain.OfType<OperationInterruptedException>().FirstOrDefault(o => o.ShutdownReason?.ReplyCode == 530) is { } refused)
        {
            var text = refused.ShutdownReason!.ReplyText;
            return text.Contains("not found", StringComparison.OrdinalIgnoreCase)
                ? $"virtual host '{VirtualHost(uri)}' does not exist on the broker ({text})"
                : $"user '{User(uri)}' may not use virtual host '{VirtualHost(uri)}' ({text})";
        }

        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            var endpoint = uri is null ? "the broker" : $"{uri.Host}:{(uri.Port > 0 ? uri.Port : uri.Scheme == "amqps" ? 5671 : 5672)}";
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"connection refused (nothing listens on {endpoint})",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"host name '{uri?.Host}' not resolved",
                SocketError.TimedOut => $"no answer from {endpoint} (timed out)",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{endpoint} is unreachable ({socket.Message})",
                _ => $"{endpoint}: {socket.Message}",
            };
        }

        if (chain.OfType<TimeoutException>().FirstOrDefault() is { } timeout)
        {
            return "no answer in time (" + timeout.Message + ")";
        }

        return chain[^1].Message;
    }

    /// <summary>True when retrying cannot help until someone changes the broker or the configuration.</summary>
    public static bool IsPermanent(Exception e) =>
        Flatten(e).Any(x => x is AuthenticationFailureException or PossibleAuthenticationFailureException
            || (x is OperationInterruptedException o && o.ShutdownReason?.ReplyCode is 403 or 530));

    // The chain, outermost first, with every inner exception of an aggregate.
    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        var inner = e is AggregateException a ? a.InnerExceptions : e.InnerException is { } i ? [i] : (IEnumerable<Exception>)[];
        foreach (var x in inner.SelectMany(Flatten))
        {
            yield return x;
        }
    }

    private static string User(Uri? uri) =>
        uri is { UserInfo.Length: > 0 } ? Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]) : "guest";

    private static string VirtualHost(Uri? uri) =>
        uri is null || uri.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(uri.AbsolutePath[1..]);
}
