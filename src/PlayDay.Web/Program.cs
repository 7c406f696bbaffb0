using PlayDay.Web.Accounts;
using PlayDay.Web.Api;
using PlayDay.Web.Archive;
using PlayDay.Web.Board;
using PlayDay.Web.Calendar;
using PlayDay.Web.Data;
using PlayDay.Web.Discoveries;
using PlayDay.Web.Following;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;
using PlayDay.Web.Markdown;
using PlayDay.Web.Pages;
using PlayDay.Web.Pulse;
using PlayDay.Web.Rsvps;
using PlayDay.Web.ScaleOut;
using PlayDay.Web.Scheduling;
using PlayDay.Web.Templates;
using PlayDay.Web.Trends;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddPlayDayData();
builder.Services.AddPlayDayAccounts(builder.Configuration);
builder.Services.AddPlayDayScheduling(builder.Configuration);
builder.Services.AddPlayDayTemplates(builder.Configuration);
builder.Services.AddPlayDayMarkdown();
builder.Services.AddPlayDayCalendar(builder.Configuration);
builder.Services.AddPlayDayMail(builder.Configuration);
builder.Services.AddPlayDayRsvps(builder.Configuration);
builder.Services.AddPlayDayBoard(builder.Configuration);
builder.Services.AddPlayDayScaleOut(builder.Configuration);
builder.Services.AddPlayDayReverseProxy(builder.Configuration);
builder.Services.AddPlayDayArchive();
builder.Services.AddPlayDayDiscoveries(builder.Configuration);
builder.Services.AddPlayDayFollowing(builder.Configuration);
builder.Services.AddPlayDayPulse();
builder.Services.AddPlayDayHealth();
builder.Services.AddPlayDayPages();
builder.Services.AddPlayDaySharedPages();

var app = builder.Build();

if (!await app.MigrateDatabaseAsync())
{
    // The log says why (storage that cannot be written); a clean exit, not a crash loop.
    Environment.ExitCode = 78;
    return;
}
await app.EnsureRolesAsync();
await app.SeedDemoDataAsync();

app.UsePlayDayReverseProxy();
app.UsePlayDayErrorPages();
app.UsePlayDaySecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseBoardOriginCheck();
app.UseRequestSizeLimits();
app.UseAuthentication();
app.UseBoardConnectionLimits();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UsePlayDaySharedPages();

app.MapRazorPages();
app.MapPlayDaySharedPages();
app.MapPlayDayHealth();
app.MapPlayDayCalendar();
app.MapPlayDayMail();
app.MapPlayDayBoard();
app.MapPlayDayArchive();
app.MapPlayDayApi();
app.MapPlayDayTrends();
app.MapPlayDayFollowing();

await app.RunAsync();
