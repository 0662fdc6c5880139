namespace Tidu.Web.Monitoring.Report;

/// <summary>The sections of the monthly report, in one place: a module adds its section here with one line.</summary>
public static class MonthlyReportServices
{
    public static IServiceCollection AddMonthlyReport(this IServiceCollection services)
    {
        services.AddScoped<IMonthlyReportSection, HeadlineSection>();
        services.AddScoped<IMonthlyReportSection, TargetsSection>();
        services.AddScoped<IMonthlyReportSection, NewRecognitionsSection>();
        services.AddScoped<IMonthlyReportSection, DistributionSection>();
        services.AddScoped<IMonthlyReportSection, RequestsOnTimeSection>();
        services.AddScoped<IMonthlyReportSection, PoolMovementSection>();
        return services;
    }
}
