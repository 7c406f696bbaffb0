using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PlayDay.Web.Data;
using PlayDay.Web.Pages;

namespace PlayDay.Web.Trends;

/// <summary>The trends page's numbers as downloads: CSV for spreadsheets, JSON for anything else. Same range parameters as the page.</summary>
public static class TrendsEndpoints
{
    public const string CsvName = "TrendsCsv";
    public const string JsonName = "TrendsJson";

    public static IEndpointRouteBuilder MapPlayDayTrends(this IEndpointRouteBuilder endpoints)
    {
        // Stored like the page (SharedPages): the same numbers for everyone, emptied by any write.
        endpoints.MapGet("/trends.csv", CsvAsync).WithName(CsvName).CacheOutput(SharedPages.ByRole);
        endpoints.MapGet("/trends.json", JsonAsync).WithName(JsonName).CacheOutput(SharedPages.ByRole);
        return endpoints;
    }

    /// <summary>The CSV of the trends over a quarter range (either end may be null).</summary>
    public static string TrendsCsvPath(this LinkGenerator links, string? from, string? to) =>
        links.GetPathByName(CsvName, Range(from, to)) ?? throw new InvalidOperationException($"No endpoint is named {CsvName}.");

    /// <summary>The JSON of the trends over a quarter range (either end may be null).</summary>
    public static string TrendsJsonPath(this LinkGenerator links, string? from, string? to) =>
        links.GetPathByName(JsonName, Range(from, to)) ?? throw new InvalidOperationException($"No endpoint is named {JsonName}.");

    private static RouteValueDictionary Range(string? from, string? to)
    {
        var values = new RouteValueDictionary();
        if (!string.IsNullOrWhiteSpace(from))
        {
            values["from"] = from;
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            values["to"] = to;
        }
        return values;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CsvAsync(string? from, string? to, PlayDayDbContext db)
    {
        if (TrendReport.TryParseRange(from, to, out var first, out var last) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        var report = await TrendReport.ComputeAsync(db, first, last);
        return TypedResults.Text(TrendsCsv.Write(report), "text/csv; charset=utf-8; header=present", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static async Task<Results<Ok<TrendsJson>, ProblemHttpResult>> JsonAsync(string? from, string? to, PlayDayDbContext db)
    {
        if (TrendReport.TryParseRange(from, to, out var first, out var last) is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Ok(TrendsJson.Of(await TrendReport.ComputeAsync(db, first, last)));
    }
}

// The JSON's shapes; property names reach the wire in camelCase, so renaming one changes the download.

public sealed record TrendsJson(string? From, string? To, string MinutesSaved, IReadOnlyList<QuarterJson> Quarters)
{
    public const string MinutesNote = "Minutes saved per week, as reported by the teams: before minus after, times the people using the new way, for the discoveries that reported both.";

    public static TrendsJson Of(TrendReport report) => new(report.From?.ToString(), report.To?.ToString(), MinutesNote, report.Quarters.Select(QuarterJson.From).ToList());
}

/// <summary>Outcome counts are keyed by the <see cref="Outcome"/> names (Shared, Trying, ..., RetestNextQuarter).</summary>
public sealed record QuarterJson(
    string Quarter,
    int ShareBacks,
    Funnel Reached,
    IReadOnlyDictionary<string, int> OutcomeNow,
    long MinutesSavedPerWeek,
    int DiscoveriesWithFigures,
    IReadOnlyList<ToolCount> Tools,
    IReadOnlyList<AlmostWorked> AlmostWorked)
{
    public static QuarterJson From(QuarterTrend q) => new(q.Quarter.ToString(), q.ShareBacks, q.Reached,
        q.Now.ToDictionary(n => n.Key.ToString(), n => n.Value), q.MinutesSavedPerWeek, q.WithFigures, q.Tools, q.AlmostWorked);
}
