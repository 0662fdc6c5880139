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
    }

    public static void MapServiceApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("service");
        // Who may call what is the access table's; the handlers check the finer roles (who answers, who closes).
        var read = api.MapGroup("");
        var write = api.MapGroup("").AddEndpointFilter(TiduApi.CsrfForCookies);
        CommissionersApi.MapCommissioners(read, write);
        RequestsApi.MapRequests(read, write);
        VisitsApi.MapVisits(read, write);
    }
}
