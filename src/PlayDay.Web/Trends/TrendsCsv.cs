using System.Globalization;
using System.Text;
using PlayDay.Web.Data;

namespace PlayDay.Web.Trends;

/// <summary>
/// The trends as one CSV table (RFC 4180): one row per number, in the columns chart, quarter, tool,
/// stage, value. Text fields are always quoted, and one that a spreadsheet would read as a formula
/// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe. Lines end CRLF.
/// </summary>
public static class TrendsCsv
{
    public const string SharesChart = "share-backs";
    public const string ReachedChart = "reached";
    public const string NowChart = "outcome now";
    public const string ToolsChart = "tools";
    public const string AlmostChart = "almost worked";
    public const string MinutesChart = "minutes saved per week (as reported by the teams)";
    public const string FiguresChart = "discoveries with before-after figures";

    public const string RetestStage = "Re-test next quarter";
    public const string DroppedStage = "Dropped";
    public const string GreatFailureStage = "Great failure (reaction)";

    public static string Write(TrendReport report)
    {
        var csv = new StringBuilder();
        Row(csv, "chart", "quarter", "tool", "stage", "value");
        foreach (var q in report.Quarters)
        {
            var quarter = q.Quarter.ToString();
            Row(csv, SharesChart, quarter, "", "", q.ShareBacks);
            foreach (var (stage, count) in q.Reached.Stages)
            {
                Row(csv, ReachedChart, quarter, "", stage, count);
            }
            foreach (var (outcome, count) in q.Now)
            {
                Row(csv, NowChart, quarter, "", Outcomes.Label(outcome), count);
            }
            foreach (var tool in q.Tools)
            {
                Row(csv, ToolsChart, quarter, tool.Tool, "", tool.ShareBacks);
            }
            foreach (var almost in q.AlmostWorked)
            {
                Row(csv, AlmostChart, quarter, almost.Tool, RetestStage, almost.Retest);
                Row(csv, AlmostChart, quarter, almost.Tool, DroppedStage, almost.Dropped);
                Row(csv, AlmostChart, quarter, almost.Tool, GreatFailureStage, almost.GreatFailure);
            }
            Row(csv, MinutesChart, quarter, "", "", q.MinutesSavedPerWeek);
            Row(csv, FiguresChart, quarter, "", "", q.WithFigures);
        }
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string chart, string quarter, string tool, string stage, long value) =>
        Row(csv, chart, quarter, tool, stage, value.ToString(CultureInfo.InvariantCulture), quoteLast: false);

    private static void Row(StringBuilder csv, string a, string b, string c, string d, string e, bool quoteLast = true)
    {
        csv.Append(Field(a)).Append(',').Append(Field(b)).Append(',').Append(Field(c)).Append(',').Append(Field(d)).Append(',')
            .Append(quoteLast ? Field(e) : e).Append("\r\n");
    }

    /// <summary>A text field, quoted, its quotes doubled, and kept from being read as a formula.</summary>
    public static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
