using Microsoft.Extensions.Logging;

namespace PlayDay.Web.Tests;

/// <summary>Keeps what the app logs at Warning and above (or from <c>minimum</c> on), with its category and exception, for tests to read.</summary>
public sealed class CapturingLoggerProvider(LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, EventId EventId, string Text, Exception? Exception);

    private readonly List<Entry> _messages = [];
    private readonly LogLevel _minimum = minimum;

    public IReadOnlyList<Entry> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider._messages)
            {
                provider._messages.Add(new Entry(logLevel, category, eventId, formatter(state, exception), exception));
            }
        }
    }
}
