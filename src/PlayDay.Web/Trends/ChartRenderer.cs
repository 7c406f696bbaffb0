using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace PlayDay.Web.Trends;

/// <summary>One bar: its visible label and value.</summary>
public sealed record Bar(string Label, long Value);

/// <summary>Bars under one heading (a quarter); a chart of one group needs no heading.</summary>
public sealed record BarGroup(string? Heading, IReadOnlyList<Bar> Bars);

/// <summary>One series of a stacked chart: its legend label and colour (dark enough for white text and for a white page).</summary>
public sealed record ChartSeries(string Label, string Colour);

/// <summary>One stacked bar: its label and a value per series, in the series' order.</summary>
public sealed record StackedRow(string Label, IReadOnlyList<int> Values);

/// <summary>
/// Horizontal bar and stacked bar charts as inline SVG, drawn on the server: no script, readable
/// without colour (every bar is labelled, series carry a pattern as well as a colour), and marked
/// role="img" with a title and description; the numbers themselves are in the table beside each chart.
/// Every piece of text goes through <see cref="TagBuilder"/>, which encodes it.
/// </summary>
public static class ChartRenderer
{
    public const string Ink = "#1b1f24";
    public const string Muted = "#5a6270";
    public const string Accent = "#2448b8";

    private const int Width = 640;
    private const int LabelWidth = 190;
    private const int ValueWidth = 90;
    private const int BarArea = Width - LabelWidth - ValueWidth;
    private const int RowHeight = 26;
    private const int BarHeight = 18;
    private const int MaxLabel = 24;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, grouped under headings; <paramref name="unit"/> follows each value ("min").</summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<BarGroup> groups, string colour = Accent, string unit = "")
    {
        var max = Math.Max(1L, groups.SelectMany(g => g.Bars).Select(b => b.Value).DefaultIfEmpty(0).Max());
        var body = new List<TagBuilder>();
        var y = 4;
        foreach (var group in groups)
        {
            if (group.Heading is { } heading)
            {
                body.Add(Text(0, y + 17, heading, "start", Ink, bold: true));
                y += RowHeight;
            }
            if (group.Bars.Count == 0)
            {
                body.Add(Text(LabelWidth, y + 17, "none", "start", Muted));
                y += RowHeight;
            }
            foreach (var bar in group.Bars)
            {
                var length = Length(bar.Value, max);
                var row = El("g");
                row.InnerHtml.AppendHtml(Tooltip($"{bar.Label}: {Number(bar.Value)}{unit}"));
                row.InnerHtml.AppendHtml(Text(LabelWidth - 8, y + 17, Short(bar.Label), "end", Ink));
                row.InnerHtml.AppendHtml(El("rect", ("x", I(LabelWidth)), ("y", I(y + 4)), ("width", I(length)), ("height", I(BarHeight)), ("fill", colour)));
                row.InnerHtml.AppendHtml(Text(LabelWidth + length + 6, y + 17, Number(bar.Value) + unit, "start", Ink));
                body.Add(row);
                y += RowHeight;
            }
        }
        return Svg(id, title, description, y + 4, [], body);
    }

    /// <summary>Horizontal stacked bars, one per row, with a legend; each segment's value shows inside it when it fits.</summary>
    public static IHtmlContent Stacked(string id, string title, string description, IReadOnlyList<ChartSeries> series, IReadOnlyList<StackedRow> rows)
    {
        var defs = series.Select((s, i) => Pattern($"{id}-p{i}", s.Colour, i)).ToList();
        var body = new List<TagBuilder>();
        // The legend: a swatch and the label of each series, three to a line.
        var y = 4;
        for (var i = 0; i < series.Count; i++)
        {
            var (x, line) = (i % 3 * (Width / 3), i / 3);
            var item = El("g");
            item.InnerHtml.AppendHtml(El("rect", ("x", I(x)), ("y", I(y + line * RowHeight + 4)), ("width", "18"), ("height", "18"), ("fill", $"url(#{id}-p{i})"), ("stroke", Ink), ("stroke-width", "1")));
            item.InnerHtml.AppendHtml(Text(x + 24, y + line * RowHeight + 18, series[i].Label, "start", Ink));
            body.Add(item);
        }
        y += (series.Count + 2) / 3 * RowHeight + 8;

        var max = Math.Max(1, rows.Select(r => r.Values.Sum()).DefaultIfEmpty(0).Max());
        foreach (var row in rows)
        {
            var total = row.Values.Sum();
            var g = El("g");
            g.InnerHtml.AppendHtml(Tooltip($"{row.Label}: " + string.Join(", ", series.Select((s, i) => $"{s.Label} {Number(row.Values[i])}"))));
            g.InnerHtml.AppendHtml(Text(LabelWidth - 8, y + 17, Short(row.Label), "end", Ink));
            var x = LabelWidth;
            var end = 0;
            for (var i = 0; i < series.Count; i++)
            {
                var value = row.Values[i];
                if (value <= 0)
                {
                    continue;
                }
                // Segments end where the running total ends, so rounding never makes a bar longer than its total.
                end += value;
                var next = LabelWidth + Length(end, max);
                var width = next - x;
                g.InnerHtml.AppendHtml(El("rect", ("x", I(x)), ("y", I(y + 4)), ("width", I(width)), ("height", I(BarHeight)), ("fill", $"url(#{id}-p{i})"),
                    ("stroke", "#ffffff"), ("stroke-width", "1")));
                if (width >= 8 * Number(value).Length + 8)
                {
                    var label = Text(x + width / 2, y + 17, Number(value), "middle", "#ffffff", bold: true);
                    // A halo in the series' colour keeps the number readable over the pattern.
                    label.MergeAttribute("stroke", series[i].Colour);
                    label.MergeAttribute("stroke-width", "3");
                    label.MergeAttribute("paint-order", "stroke");
                    g.InnerHtml.AppendHtml(label);
                }
                x = next;
            }
            g.InnerHtml.AppendHtml(Text(x + 6, y + 17, Number(total), "start", Ink));
            body.Add(g);
            y += RowHeight;
        }
        return Svg(id, title, description, y + 4, defs, body);
    }

    private static int Length(long value, long max) => value <= 0 ? 0 : Math.Max(2, (int)Math.Round((double)value / max * BarArea));

    private static string Short(string label) => label.Length > MaxLabel ? label[..(MaxLabel - 1)] + "…" : label;

    private static string Number(long value) => value.ToString("N0", C);

    private static string I(int value) => value.ToString(C);

    private static TagBuilder Svg(string id, string title, string description, int height, List<TagBuilder> defs, List<TagBuilder> body)
    {
        var svg = El("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("id", id), ("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"),
            ("viewBox", $"0 0 {Width} {height}"), ("width", "100%"), ("font-family", "system-ui, sans-serif"), ("font-size", "14"));
        var titleElement = El("title", ("id", $"{id}-title"));
        titleElement.InnerHtml.Append(title);
        var descElement = El("desc", ("id", $"{id}-desc"));
        descElement.InnerHtml.Append(description);
        svg.InnerHtml.AppendHtml(titleElement);
        svg.InnerHtml.AppendHtml(descElement);
        if (defs.Count > 0)
        {
            var defsElement = El("defs");
            foreach (var d in defs)
            {
                defsElement.InnerHtml.AppendHtml(d);
            }
            svg.InnerHtml.AppendHtml(defsElement);
        }
        foreach (var element in body)
        {
            svg.InnerHtml.AppendHtml(element);
        }
        return svg;
    }

    /// <summary>A fill of the colour with a light pattern on top: a different one per series, so colour is not the only difference.</summary>
    private static TagBuilder Pattern(string id, string colour, int index)
    {
        var pattern = El("pattern", ("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "8"), ("height", "8"));
        pattern.InnerHtml.AppendHtml(El("rect", ("width", "8"), ("height", "8"), ("fill", colour)));
        var marks = (index % 6) switch
        {
            0 => null,
            1 => "M0,8 L8,0",
            2 => "M0,4 L8,4",
            3 => "M4,0 L4,8",
            4 => "M0,0 L8,8 M0,8 L8,0",
            _ => "M0,0 L8,8",
        };
        if (marks is not null)
        {
            pattern.InnerHtml.AppendHtml(El("path", ("d", marks), ("stroke", "#ffffff"), ("stroke-opacity", "0.4"), ("stroke-width", "1.5")));
        }
        return pattern;
    }

    private static TagBuilder Tooltip(string text)
    {
        var title = El("title");
        title.InnerHtml.Append(text);
        return title;
    }

    private static TagBuilder Text(int x, int y, string text, string anchor, string fill, bool bold = false)
    {
        var element = El("text", ("x", I(x)), ("y", I(y)), ("text-anchor", anchor), ("fill", fill));
        if (bold)
        {
            element.MergeAttribute("font-weight", "600");
        }
        element.InnerHtml.Append(text);
        return element;
    }

    private static TagBuilder El(string name, params (string Name, string Value)[] attributes)
    {
        var element = new TagBuilder(name) { TagRenderMode = TagRenderMode.Normal };
        foreach (var (attribute, value) in attributes)
        {
            element.MergeAttribute(attribute, value);
        }
        return element;
    }
}
