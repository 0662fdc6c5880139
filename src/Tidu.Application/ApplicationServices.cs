using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tidu.Application.Dynamic;
using Tidu.Application.Notifications;
using Tidu.Application.Screening;
using Tidu.Application.Service;
using Tidu.Application.Sharing;
using Tidu.Application.Workflow;

namespace Tidu.Application;

/// <summary>
/// Registers the use cases and their settings. The host adds what only it knows: the database, the rule library, the working-day calendar, the
/// <see cref="IActorSource"/> of its callers and the <see cref="ISystemRunner"/> of its jobs.
/// </summary>
public static class ApplicationServices
{
    public static IServiceCollection AddTiduApplication(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddMemoryCache();
        services.AddSingleton<CountCache>();
        services.AddScoped<EnterpriseQuery>();
        services.AddScoped<Auditing.Offices>();
        services.AddScoped<Auditing.AuditSearch>();
        services.AddScoped<Auditing.AuditChainCheck>();
        services.AddScoped<EnterpriseFiles>();
        services.AddScoped<FileYears>();
        services.AddScoped<ScopeRegions>();
        services.AddScoped<RegionOverview>();
        services.AddScoped<Monitoring.RegionRollup>();
        services.AddScoped<Monitoring.MonitoringCharts>();
        services.AddScoped<Monitoring.OfficialCounts>();
        services.AddScoped<Monitoring.ServiceCharts>();
        services.AddSingleton<EvaluationRefresh>();

        services.Configure<WorkflowOptions>(config.GetSection("Workflow"));
        services.Configure<ExpertReviewOptions>(config.GetSection("Workflow:ExpertReview"));
        services.Configure<MaterialOptions>(config.GetSection("Workflow:Materials"));
        services.AddSingleton<MaterialStore>();
        services.AddScoped<MaterialUploads>();
        services.AddScoped<RoundService>();
        services.AddScoped<ApplicationQueries>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<Verifications>();
        services.AddScoped<PublicityService>();
        services.AddScoped<ExpertReviewService>();

        services.AddOptions<DynamicManagementOptions>().Bind(config.GetSection("DynamicManagement")).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RecognitionReviewer>();
        services.AddScoped<Pools>();
        services.AddScoped<Recognitions>();
        services.AddScoped<OfficialLists>();
        services.AddSingleton<ReReviewNoticeIssuer>();

        services.Configure<ServiceOptions>(config.GetSection("Service"));
        services.AddScoped<CommissionerService>();
        services.AddScoped<RequestActions>();
        services.AddScoped<RequestRegister>();
        services.AddScoped<VisitLog>();
        services.AddScoped<RequestStatistics>();
        services.AddSingleton<RequestEscalator>();

        services.AddScoped<Administration.AccountAdministration>();
        services.AddScoped<Administration.ApiKeyAdministration>();
        services.AddScoped<Administration.SecurityPolicyAdministration>();

        services.AddScoped<Consents>();
        services.AddScoped<ListPulls>();
        services.AddScoped<Inbox>();
        services.AddSingleton<Notifications.Email.NotificationMailer>();
        return services;
    }
}
