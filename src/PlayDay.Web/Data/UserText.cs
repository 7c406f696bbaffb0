using System.ComponentModel.DataAnnotations;

namespace PlayDay.Web.Data;

/// <summary>
/// The rule for text people type: no control characters (a line break in a title ends up in a mail
/// header, a calendar line or an archive's member list), and no line breaks where one line is meant.
/// Validated where text enters; writers still encode where it leaves.
/// </summary>
public static class UserText
{
    /// <summary>Why <paramref name="value"/> cannot be stored, or null. Multi-line text may hold line breaks and tabs.</summary>
    public static string? Problem(string? value, bool multiLine = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (multiLine && c is '\n' or '\r' or '\t')
            {
                continue;
            }
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                return "Use a single line: no line breaks.";
            }
            if (char.IsControl(c) || c == '\uFEFF')
            {
                return "Remove the invisible control characters.";
            }
            // A lone surrogate is not text: it cannot be written as UTF-8 to a mail, a file or a feed.
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "The text holds an invalid character; type it again.";
            }
        }
        return null;
    }

    /// <summary>Trimmed, with line endings as "\n"; null stays null.</summary>
    public static string? Clean(string? value, bool multiLine = false) =>
        value is null ? null : multiLine ? value.ReplaceLineEndings("\n").Trim() : value.Trim();

    /// <summary>For output where a stored value must stay on one line whatever it holds (older rows, imports).</summary>
    public static string OneLine(string? value)
    {
        var text = new System.Text.StringBuilder((value ?? "").Length);
        foreach (var c in value ?? "")
        {
            var invisible = char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF';
            if (!invisible)
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }
        return text.ToString().Trim();
    }
}

/// <summary>One line of text: no line breaks or control characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SingleLineAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        UserText.Problem(value as string) is { } problem ? new ValidationResult(problem, [validationContext.MemberName!]) : ValidationResult.Success;
}

/// <summary>
/// Text of several lines: line breaks and tabs allowed, other control characters not. As a
/// <see cref="DataType.MultilineText"/> data type it also tells a form to show a text area.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineAttribute() : DataTypeAttribute(DataType.MultilineText)
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        UserText.Problem(value as string, multiLine: true) is { } problem ? new ValidationResult(problem, [validationContext.MemberName!]) : ValidationResult.Success;
}
