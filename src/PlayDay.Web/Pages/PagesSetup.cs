using Microsoft.Net.Http.Headers;

namespace PlayDay.Web.Pages;

public static class PagesSetup
{

    public static IServiceCollection AddPlayDayPages(this IServiceCollection services)
    {
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddExceptionHandler<BadRequests>();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxRequestBytes);
        // Minimal APIs throw on unreadable requests in every environment, so BadRequests can say why (not an empty 400).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/Register");
            options.Conventions.AllowAnonymousToPage("/Status");
            options.Conventions.AllowAnonymousToPage("/Error");
            Accounts.LocalAccountsOnly.AddTo(options);
        });
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
        {
            options.ModelBinderProviders.Insert(0, new CheckboxBinding());
            options.Filters.Add(new UnknownHandlers());
        });
        return services;
    }

    /// <summary>Readable pages for errors: 403/404 keep their status code but get a page a person can read.</summary>
    public static WebApplication UsePlayDayErrorPages(this WebApplication app)
    {
        // In every environment: storage failures get their own answer (Health/CannotSave), the rest the error page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // Bad requests and storage failures are answered (and logged) by their handlers, not as crashes.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException
                || Health.CannotSave.IsStorageFailure(context.Exception),
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        return app;
    }

    public static WebApplication UsePlayDaySecurityHeaders(this WebApplication app)
    {
        var webRoot = app.Environment.WebRootFileProvider;
        // The sign-in form posts on to the company's provider when company sign-in is on.
        var formAction = Accounts.CompanySignIn.ProviderOrigin(app.Configuration) is { } provider ? $"'self' {provider}" : "'self'";
        var policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
            $"object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
        // No inline scripts anywhere: even if user content slipped through, the browser would not run it.
        // Images only from here: a share-back cannot plant a tracking pixel (the renderer turns remote
        // images into links).
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = policy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            // Everything but the files in wwwroot is somebody's data (pages, feeds, downloads, JSON): no
            // copy in a shared or browser cache, unless the endpoint chose its own caching.
            if (!webRoot.GetFileInfo(context.Request.Path.Value ?? "/").Exists)
            {
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }
                    return Task.CompletedTask;
                });
            }
            await next(context);
        });
        return app;
    }
}
