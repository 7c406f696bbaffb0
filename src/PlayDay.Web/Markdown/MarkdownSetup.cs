namespace PlayDay.Web.Markdown;

public static class MarkdownSetup
{
    public static IServiceCollection AddPlayDayMarkdown(this IServiceCollection services) =>
        services.AddSingleton<MarkdownRenderer>();
}
