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
        404 => ("Not found", "There is nothing at this address. It may have been mistyped."),
        _ => ("Something went wrong", "The request could not be completed."),
    };

    public void OnGet(int code) => Code = code;
}
