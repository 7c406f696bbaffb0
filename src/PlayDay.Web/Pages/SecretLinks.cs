using Microsoft.Net.Http.Headers;

namespace PlayDay.Web.Pages;

/// <summary>Pages opened by a secret link from an email (a follow-up, an unsubscribe): the link is the key.</summary>
public static class SecretLinks
{
    /// <summary>No copy of the page in a cache, and no page it leads to learns the link from the Referer.</summary>
    public static void KeepLinkSecret(this HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers[HeaderNames.CacheControl] = "no-store";
    }
}
