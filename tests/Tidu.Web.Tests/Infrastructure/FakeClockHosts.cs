using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Hosts of the shared test app whose "now" is a test's clock.</summary>
internal static class FakeClockHosts
{
    /// <summary>
    /// The app on <paramref name="clock"/>, without its background jobs: the daily re-evaluation and the re-review
    /// notices would run on the host's date (weeks or years ahead) and rewrite the shared database's stored evaluations
    /// for every other test. The web server itself is a hosted service registered by type, so only the
    /// factory-registered jobs are taken out.
    /// </summary>
    public static WebApplicationFactory<Program> WithClock(this WebApplicationFactory<Program> app, TimeProvider clock, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(clock);
            foreach (var job in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null).ToList())
            {
                s.Remove(job);
            }
            services?.Invoke(s);
        }));
    }
}
