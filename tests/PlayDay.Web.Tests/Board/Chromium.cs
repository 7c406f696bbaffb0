using Microsoft.Playwright;

namespace PlayDay.Web.Tests.Board;

/// <summary>Debian's Chromium driven by Playwright; Playwright never downloads a browser of its own here.</summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    public IBrowser Browser { get; }

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public static async Task<Chromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium package (.ci/run does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A fresh browser context (its own cookies), signed in through the sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(PlayDayApp app, string email, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/account/login").AbsoluteUri);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(PlayDay.Web.Tests.Browser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A test class that drives Chromium against its own app on a real socket.</summary>
public abstract class InBrowser : IAsyncLifetime
{
    protected PlayDayApp App { get; } = PlayDayApp.WithRealServer();

    protected Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync() => Chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        App.Dispose();
    }
}
