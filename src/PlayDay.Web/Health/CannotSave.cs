using System.Text.Encodings.Web;
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
        if (WantsJson(httpContext.Request))
        {
            await Results.Problem(statusCode: 503, title: "Cannot save right now", detail: Message).ExecuteAsync(httpContext);
            return true;
        }
        response.ContentType = "text/html; charset=utf-8";
        var html = HtmlEncoder.Default;
        await response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>We cannot save right now · PlayDay</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main" class="wrap"><h1>We cannot save right now</h1><p>{html.Encode(Message)}</p>
            <p><a href="/">Back to the play days</a></p></main></body></html>
            """, cancellationToken);
        return true;
    }

    /// <summary>Scripts and integrations get problem JSON; a person's browser gets a page.</summary>
    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs")
        || (request.Path.Value ?? "").Contains("/board/", StringComparison.Ordinal)
        || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
