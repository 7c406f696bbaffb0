using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace PlayDay.Web.Pages;

/// <summary>
/// Every request body has a limit, decided before anything reads it (antiforgery reads forms
/// before a page or endpoint runs, so a limit applied there would come too late): the endpoint's
/// own (RequestSizeLimit metadata: the board's 64 KiB, the import's 50 MiB) or the site's 1 MiB.
/// A body announced as larger gets 413 with a reason at once; one that turns out larger is cut off.
/// </summary>
public static class RequestLimits
{
    /// <summary>The largest request any form needs (a 20,000-character share-back or brief, encoded); endpoints may set their own.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            var reason = $"That is too large to send: at most {limit / 1024} KB. Shorten it and try again; nothing was saved.";
            if (BadRequests.WantsJson(context.Request))
            {
                await Results.Problem(statusCode: 413, detail: reason).ExecuteAsync(context);
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(BadRequests.SimplePage("That is too large", reason));
            }
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    });
}
