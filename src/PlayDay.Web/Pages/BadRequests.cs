using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using PlayDay.Web.Api;

namespace PlayDay.Web.Pages;

/// <summary>
/// A request the framework could not read (a missing or expired antiforgery token, a form field of
/// the wrong type, a body over a limit) keeps its 4xx status and says why, as problem JSON for
/// scripts and as a short page for people, instead of becoming a 500.
/// </summary>
public sealed class BadRequests : IExceptionHandler
{
    public const string ExpiredForm = "This form has expired or did not come from this site. Reload the page and try again; nothing was saved.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, reason) = exception switch
        {
            AntiforgeryValidationException => (StatusCodes.Status400BadRequest, ExpiredForm),
            BadHttpRequestException { InnerException: AntiforgeryValidationException } bad => (bad.StatusCode, ExpiredForm),
            BadHttpRequestException bad when bad.Message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase) => (bad.StatusCode, ExpiredForm),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "That is too large to send. Shorten it and try again; nothing was saved."),
            InvalidDataException when exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "That is too large to send. Shorten it and try again; nothing was saved."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read: " + bad.Message),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        if (WantsJson(httpContext.Request))
        {
            await Results.Problem(statusCode: status, detail: reason).ExecuteAsync(httpContext);
            return true;
        }
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(SimplePage("That did not work", reason), cancellationToken);
        return true;
    }

    /// <summary>Scripts and integrations get problem JSON; a person's browser gets a page.</summary>
    public static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments(ApiEndpoints.Prefix) || request.Path.StartsWithSegments("/hubs")
        || (request.Path.Value ?? "").Contains("/board/", StringComparison.Ordinal)
        || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A page that needs nothing but the stylesheet: for answers given outside Razor Pages.</summary>
    public static string SimplePage(string title, string text)
    {
        var html = HtmlEncoder.Default;
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{html.Encode(title)} · PlayDay</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main" class="wrap"><h1>{html.Encode(title)}</h1><p>{html.Encode(text)}</p>
            <p><a href="/">Back to the play days</a></p></main></body></html>
            """;
    }
}
