using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Exchange;
using Tidu.Web.Security;
using Xunit;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// One running Tidu app on one fresh database, shared by every test of a provider's collection: the real
/// Program (migrations, demo seeding with 300 enterprises, Identity, API), configured only through settings.
/// Each provider's fixture says where its empty database is; everything else is the same.
/// </summary>
public abstract class TiduAppFixture : IAsyncLifetime
{
    public const string DemoPassword = "Tidu-demo-2026";
    public const int DemoEnterprises = 300;

    /// <summary>Clients speak https, as behind the production TLS proxy: the sign-in cookie is Secure and is not sent over http.</summary>
    public static Uri BaseAddress { get; } = new("https://localhost");

    private Factory? _factory;

    public abstract string Provider { get; }

    /// <summary>Where this app keeps application materials: a throwaway directory, removed with the fixture.</summary>
    public string MaterialsPath { get; } = Path.Combine(Path.GetTempPath(), "tidu-materials-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every line the app logged (at its configured levels) since it started.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>This app's audit hash key (base64), as the configuration gives it; never in the database.</summary>
    public string AuditKey { get; } = Tidu.Data.Auditing.AuditHashing.NewKeyText();

    /// <summary>This app's audit anchor file, in the materials' throwaway directory.</summary>
    public string AnchorFile => Path.Combine(MaterialsPath, "audit-anchors.log");

    /// <summary>The app's audit hashing (what its contexts seal entries with).</summary>
    public Tidu.Data.Auditing.AuditHashing AuditHashing => App.Services.GetRequiredService<Tidu.Data.Auditing.AuditHashing>();

    /// <summary>
    /// This app's clock, set before the host starts (the demo data and the seeded rounds are made relative to it): it
    /// starts at <see cref="TestClock.Start"/>. Tests that move time use a host of their own (<see cref="FakeClockHosts"/>).
    /// </summary>
    public FakeTimeProvider Clock { get; } = TestClock.NewSharedClock();

    public WebApplicationFactory<Program> App => _factory ?? throw new InvalidOperationException("fixture not initialised");

    /// <summary>Creates the empty database and returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        var connection = await CreateDatabaseAsync().ConfigureAwait(false);
        _factory = new Factory(Provider, connection, MaterialsPath, AuditKey, AnchorFile, Logs, Clock);
        _ = _factory.Server; // starts the host: migrations and demo seeding run now, once
        await SeedKnownEnterprisesAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync().ConfigureAwait(false);
        }
        await DropDatabaseAsync().ConfigureAwait(false);
        if (Directory.Exists(MaterialsPath))
        {
            Directory.Delete(MaterialsPath, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A client that keeps cookies and never follows redirects (a redirect to the login page is an answer to check).</summary>
    public HttpClient NewClient() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress });

    /// <summary>
    /// Runs <paramref name="work"/> with a context of the given scope (the system's, seeing everything, by default). The
    /// system's context may record recognitions as the procedure would have ("test:system" is their basis).
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<TiduDbContext, Task<T>> work, RegionScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var s = App.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = scope ?? RegionScope.Everything("test:system");
        var db = s.ServiceProvider.GetRequiredService<TiduDbContext>();
        if (scope is null)
        {
            db.RecognitionBasis = "test:system";
        }
        return await work(db).ConfigureAwait(false);
    }

    public Task WithDbAsync(Func<TiduDbContext, Task> work, RegionScope? scope = null) =>
        WithDbAsync(async db =>
        {
            await work(db).ConfigureAwait(false);
            return 0;
        }, scope);

    /// <summary>Same, with the registry (writes go through the app's upsert, audit and evaluation).</summary>
    public async Task<T> WithRegistryAsync<T>(Func<EnterpriseRegistry, Task<T>> work, RegionScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var s = App.Services.CreateScope();
        s.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = scope ?? RegionScope.Everything("test:system");
        return await work(s.ServiceProvider.GetRequiredService<EnterpriseRegistry>()).ConfigureAwait(false);
    }

    private Task<UpsertResult> SeedKnownEnterprisesAsync() =>
        WithRegistryAsync(registry =>
        {
            var profiles = KnownEnterprises.All
                .Select(k => ProfileReader.Parse(new RawRecord(1, k.CreditCode, JsonSerializer.SerializeToUtf8Bytes(Profiles.Minimal(k.CreditCode, k.Name, k.RegionCode)))))
                .Select(r => r.Profile ?? throw new InvalidOperationException("test profile invalid: " + string.Join("; ", r.Errors)))
                .ToList();
            return registry.UpsertAsync(profiles);
        });

    /// <summary>The demo database's enterprise user's own credit code (the seeder picks it).</summary>
    public Task<string> EnterpriseUserCreditCodeAsync() =>
        WithDbAsync(db => db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync());

    private sealed class Factory(string provider, string connection, string materials, string auditKey, string anchorFile, LogCapture logs, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Tidu", connection);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Workflow:Materials:StoragePath", materials);
            builder.UseSetting("Crypto:KeyDirectory", Path.Combine(materials, "keys"));
            builder.UseSetting("Crypto:GenerateMissingKeys", "true");
            // Tests run on fake clocks months and years ahead of the seeding, with sessions kept across hours: no
            // password ageing and the longest session lifetimes the policy allows (the tests of those limits set them).
            builder.UseSetting("Security:Policy:MaximumPasswordAgeDays", "0");
            builder.UseSetting("Security:Policy:IdleTimeoutMinutes", "240");
            builder.UseSetting("Security:Policy:AbsoluteLifetimeHours", "24");
            builder.UseSetting("Audit:HashKey", auditKey);
            builder.UseSetting("Audit:AnchorFile", anchorFile);
            builder.UseSetting("Demo:Enterprises", DemoEnterprises.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Tidu.Errors", "None");
            // The first start's summary (demo data created) is an information line: the log tests read it.
            builder.UseSetting("Logging:LogLevel:Tidu.Startup", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
            // The shared app serves every test of a provider from one address: its rate limits are far above what they send.
            builder.UseSetting("RateLimits:ApiPerPrincipal", "1000000");
            builder.UseSetting("RateLimits:ApiPerAddress", "1000000");
            builder.UseSetting("RateLimits:SignInPerAddress", "1000000");
            builder.ConfigureLogging(l => l.AddProvider(logs));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestEndpoints>();
                services.AddSingleton(clock);
                services.AddSingleton(WeekdayCalendar.Instance);
            });
        }
    }
}
