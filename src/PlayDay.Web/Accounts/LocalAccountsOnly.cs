using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace PlayDay.Web.Accounts;

/// <summary>
/// Registration, password sign-in and the password and confirmation links exist only while local accounts are on
/// (<see cref="AccountOptions.LocalAccounts"/>); otherwise they answer 404 and the sign-in page offers company sign-in alone.
/// </summary>
public sealed class LocalAccountsOnly(bool writesOnly) : IAsyncPageFilter
{
    /// <summary>The pages that are about passwords, and whether only their form posts are (the sign-in page itself stays).</summary>
    public static readonly IReadOnlyDictionary<string, bool> Pages = new Dictionary<string, bool>
    {
        ["/Account/Login"] = true,
        ["/Account/Register"] = false,
        ["/Account/CheckInbox"] = false,
        ["/Account/Confirm"] = false,
        ["/Account/Forgot"] = false,
        ["/Account/Resend"] = false,
        ["/Account/Reset"] = false,
    };

    public static void AddTo(RazorPagesOptions options)
    {
        foreach (var (page, writesOnly) in Pages)
        {
            options.Conventions.AddPageApplicationModelConvention(page, model => model.Filters.Add(new LocalAccountsOnly(writesOnly)));
        }
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var local = context.HttpContext.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.LocalAccounts;
        if (!local && (!writesOnly || !HttpMethods.IsGet(context.HttpContext.Request.Method)))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
