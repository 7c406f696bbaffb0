using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PlayDay.Web.Pages;

/// <summary>
/// A request naming no handler of its page (<c>?handler=Nonsense</c>, or a POST to a page that only
/// reads) would otherwise render the page without running any handler, with nothing loaded: a 404
/// or 405 instead, decided once for every page.
/// </summary>
public sealed class UnknownHandlers : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        // The status and error pages are re-run with the failed request's method: they answer any.
        if (context.HandlerMethod is not null || context.ActionDescriptor.HandlerMethods.Count == 0
            || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return;
        }
        var method = context.HttpContext.Request.Method;
        var named = context.RouteData.Values.ContainsKey("handler") || context.HttpContext.Request.Query.ContainsKey("handler");
        var anyForMethod = context.ActionDescriptor.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)
            || (HttpMethods.IsHead(method) && string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)));
        context.Result = named && anyForMethod ? new NotFoundResult() : new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
