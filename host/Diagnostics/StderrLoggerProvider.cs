using Microsoft.Extensions.Logging;

namespace Formats.Host.Diagnostics;

/// <summary>
/// Log lines for a short command: <c>warn: category: message</c> written straight to standard error. The console
/// logger's queue and background thread are worth it for a long-running worker, not for a process that ends in
/// milliseconds.
/// </summary>
internal sealed class StderrLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(error, categoryName);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(TextWriter error, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel switch
            {
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            error.WriteLine($"{level}: {category}: {formatter(state, exception)}");
        }
    }
}
