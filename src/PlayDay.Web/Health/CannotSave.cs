using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PlayDay.Web.Health;

/// <summary>
/// When storage itself fails (disk full, database read-only or locked too long, file unreadable),
/// the person gets a clear "we cannot save right now" (503 with Retry-After) instead of a generic
/// error; the request's transaction was rolled back, so nothing is half-saved.
/// </summary>
public sealed class CannotSave(ILogger<CannotSave> logger) : IExceptionHandler
{
    public const string Message = "We cannot save right now: the server's storage is failing. Nothing from this request was saved. Please try again in a few minutes.";

    // SQLite result codes (primary): BUSY 5, LOCKED 6, READONLY 8, IOERR 10, CORRUPT 11, FULL 13, CANTOPEN 14.
    private static readonly int[] StorageCodes = [5, 6, 8, 10, 11, 13, 14];

    /// <summary>True when <paramref name="exception"/> (or one inside it) is the storage failing, not a bug or bad input.</summary>
    public static bool IsStorageFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when StorageCodes.Contains(sqlite.SqliteErrorCode & 0xFF):
                // A database server that is down, restarting, out of space or out of connections (PostgreSQL, SQL Server).
                case System.Data.Common.DbException { IsTransient: true } when e is not SqliteException:
                // ENOSPC (28) and EROFS (30) reach .NET as IOException HResults.
                case IOException io when (io.HResult & 0xFFFF) is 28 or 30 or 0x70:
                    return true;
            }
        }
        return false;
    }

    public static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        return innermost.Message;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStorageFailure(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        logger.LogError(exception, "Storage failed for {Method} {Path}; answered 503.", httpContext.Request.Method, httpContext.Request.Path);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "120";
        if (Pages.BadRequests.WantsJson(httpContext.Request))
        {
            await Results.Problem(statusCode: 503, title: "Cannot save right now", detail: Message).ExecuteAsync(httpContext);
            return true;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Pages.BadRequests.SimplePage("We cannot save right now", Message), cancellationToken);
        return true;
    }
}
