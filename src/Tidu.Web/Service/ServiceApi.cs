using Tidu.Application.Service;
using Tidu.Web.Api;

namespace Tidu.Web.Service;

/// <summary>Maps the service API (commissioners, requests, visits) and registers its services.</summary>
public static class ServiceApi
{
    public static void AddTiduService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp => Tidu.Rules.Service.ServiceRules.LoadDefault(sp.GetRequiredService<Tidu.Rules.RuleLibrary>().Tiers.Select(t => t.Id)));
        services.AddHostedService<RequestEscalationService>();
    }

    public static void MapServiceApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("service");
        // Enterprises, officers and commissioners use it; the handlers check who may do what.
        var read = api.MapGroup("").RequireAuthorization(Policies.ApiRead);
        var write = api.MapGroup("").RequireAuthorization(Policies.ApiRead).AddEndpointFilter(TiduApi.CsrfForCookies);
        CommissionersApi.MapCommissioners(read, write);
        RequestsApi.MapRequests(read, write);
        VisitsApi.MapVisits(read, write);
    }
}
