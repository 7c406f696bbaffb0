namespace PlayDay.Web.Mail;

public static class MailSetup
{
    public static IServiceCollection AddPlayDayMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<MailSender>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxWorker>());
        return services;
    }
}
