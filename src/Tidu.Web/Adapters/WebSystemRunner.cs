using Tidu.Application;
using Tidu.Data.Scoping;
using Tidu.Web.Security;

namespace Tidu.Web.Adapters;

/// <summary>Runs system work in a service scope of its own whose region scope is the whole database (no request's user).</summary>
public sealed class WebSystemRunner(IServiceScopeFactory scopes) : ISystemRunner
{
    public async Task<T> RunAsync<T>(string actor, Func<IServiceProvider, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = RegionScope.Everything(actor);
        return await work(scope.ServiceProvider).ConfigureAwait(false);
    }
}
