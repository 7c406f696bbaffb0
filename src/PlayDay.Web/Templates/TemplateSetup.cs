namespace PlayDay.Web.Templates;

public static class TemplateSetup
{
    public static IServiceCollection AddPlayDayTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TemplateOptions>(configuration.GetSection(TemplateOptions.Section));
        return services.AddSingleton<TemplateFiles>();
    }
}
