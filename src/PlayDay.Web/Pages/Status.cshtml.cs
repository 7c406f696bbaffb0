using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PlayDay.Web.Pages;

/// <summary>Readable page for 4xx/5xx responses; the original status code is kept.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public (string Title, string Text) Message => Code switch
    {
        403 => ("You can't do that", "This page or action is for organizers. Ask an organizer if you need it."),
        400 => ("That did not work", "The form could not be read: it may have expired or been changed on the way. Reload the page and try again; nothing was saved."),
        404 => ("Not found", "There is nothing at this address. It may have been mistyped."),
        409 => ("Not now", "That cannot be done in the current state. Reload the page to see why."),
        413 => ("That is too large", "Shorten it and try again; nothing was saved."),
        429 => ("Slow down", "Too many requests in a short time. Wait a moment and try again; nothing was lost."),
        _ => ("Something went wrong", "The request could not be completed."),
    };

    public void OnGet(int code) => Code = code;
}
