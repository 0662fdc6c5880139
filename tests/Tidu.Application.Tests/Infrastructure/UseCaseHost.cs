using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tidu.Application.Administration;
using Tidu.Application.Auditing;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Cryptography;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Evaluation;

namespace Tidu.Application.Tests.Infrastructure;

/// <summary>
/// The use cases without HTTP: the application layer's services over a private in-memory SQLite database (migrated as
/// the platform migrates it, so the same triggers and constraints hold), on a fake clock fixed at <see cref="Start"/>,
/// with the rule files of the repository. Each test starts its own host: no test sees another's data.
/// </summary>
public sealed class UseCaseHost : IAsyncDisposable
{
    /// <summary>Monday 2026-09-07, 10:00 in China: the web tests' day too.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 9, 7, 2, 0, 0, TimeSpan.Zero);

    public static DateOnly Today { get; } = new(2026, 9, 7);

    private readonly SqliteConnection _keeper;
    private readonly ServiceProvider _services;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The security events the use cases recorded, as (kind, subject, outcome).</summary>
    public List<(string Kind, string Subject, string Outcome)> SecurityEvents { get; } = [];

    /// <summary>What the anchor file says (none and no problem unless a test says otherwise).</summary>
    public List<string> AnchorProblems { get; } = [];

    public bool TwoFactorRequiredByConfiguration { get; set; }

    /// <summary>Runs system work (the jobs' use cases) in a scope of its own, as the platform's runner does.</summary>
    public ISystemRunner SystemRunner => _services.GetRequiredService<ISystemRunner>();

    private UseCaseHost(string name)
    {
        var connection = $"Data Source=file:{name}?mode=memory&cache=shared";
        _keeper = new SqliteConnection(connection);
        _keeper.Open();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DynamicManagement:ReReviewNoticeLeadDays"] = "90",
            ["DynamicManagement:ReReviewNoticeLeadCite"] = "test: 90 days",
            ["DynamicManagement:RevocationBarYears"] = "3",
            ["DynamicManagement:RevocationBarCite"] = "test: 3 years",
            ["DynamicManagement:KeepExtendsYears"] = "3",
            ["DynamicManagement:KeepExtendsCite"] = "test: 3 years",
            ["Service:RequestResponseWorkingDays"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(AuditHashing.HmacSha256(new byte[32]));
        services.AddTiduDatabase(DatabaseProvider.Sqlite, connection, KeyRing.Of(CryptoSuite.Guomi, (KeyRing.Fields, "test", new byte[KeyRing.MaterialBytes])));
        services.AddScoped<CurrentActor>();
        services.AddScoped<IActorSource>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<Tidu.Data.Scoping.IRegionScopeSource>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddSingleton<ISystemRunner>(sp => new Runner(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton(_ => RuleLibrary.LoadDefault());
        services.AddSingleton(sp => new Evaluator(sp.GetRequiredService<RuleLibrary>()));
        services.AddSingleton(sp => new Tidu.Rules.Gaps.GapAnalyzer(sp.GetRequiredService<Evaluator>()));
        services.AddSingleton(RegionTree.Shipped);
        services.AddSingleton(_ => Tidu.Rules.Policies.PolicyCatalog.LoadDefault());
        services.AddSingleton(_ => Tidu.Rules.Calendar.WorkingDayCalendar.LoadDefault());
        services.AddSingleton(sp => new Tidu.Rules.Policies.AwardCalculator(sp.GetRequiredService<Tidu.Rules.Policies.PolicyCatalog>(), sp.GetRequiredService<RegionTree>()));
        services.AddSingleton(sp => Tidu.Rules.Service.ServiceRules.LoadDefault(sp.GetRequiredService<RuleLibrary>().Tiers.Select(t => t.Id)));
        services.AddScoped<EnterpriseRegistry>();
        services.AddIdentityCore<TiduUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<TiduDbContext>();
        services.AddScoped<ISecurityEvents>(_ => new RecordedEvents(SecurityEvents));
        services.AddSingleton<IAuditAnchorSource>(_ => new Anchors(AnchorProblems));
        services.AddSingleton<ISecurityPolicyDefaults>(_ => new PolicyDefaults(this));
        services.AddTiduApplication(config);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static async Task<UseCaseHost> StartAsync()
    {
        var host = new UseCaseHost("usecases-" + Guid.NewGuid().ToString("N"));
        await host.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiduDbContext>();
            await db.Database.MigrateAsync().ConfigureAwait(false);
            await RegionSeeding.EnsureAsync(db, RegionTree.Shipped).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
        return host;
    }

    /// <summary>Runs <paramref name="work"/> as <paramref name="actor"/> in a unit of work of its own (one request, one job).</summary>
    public async Task<T> AsAsync<T>(Actor actor, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Current = actor;
        return await work(scope.ServiceProvider).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> with the use case <typeparamref name="TUseCase"/> as <paramref name="actor"/>.</summary>
    public Task<T> AsAsync<TUseCase, T>(Actor actor, Func<TUseCase, Task<T>> work)
        where TUseCase : notnull =>
        AsAsync(actor, sp => work(sp.GetRequiredService<TUseCase>()));

    /// <summary>Arranges data as the platform's system actor (whole database in scope, audited as "system:test").</summary>
    public Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> work) => AsAsync(Actor.System("system:test"), work);

    /// <summary>Arranges data directly in the database as the system.</summary>
    public Task ArrangeAsync(Func<TiduDbContext, Task> work) =>
        AsSystemAsync(async sp =>
        {
            await work(sp.GetRequiredService<TiduDbContext>()).ConfigureAwait(false);
            return 0;
        });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await _keeper.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class CurrentActor : IActorSource, Tidu.Data.Scoping.IRegionScopeSource
    {
        public Actor Current { get; set; } = Actor.System("system:test");

        Tidu.Data.Scoping.RegionScope Tidu.Data.Scoping.IRegionScopeSource.Current => Current.Scope;
    }

    private sealed class Runner(IServiceScopeFactory scopes) : ISystemRunner
    {
        public async Task<T> RunAsync<T>(string actor, Func<IServiceProvider, Task<T>> work, CancellationToken ct)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Current = Actor.System(actor);
            return await work(scope.ServiceProvider).ConfigureAwait(false);
        }
    }

    private sealed class RecordedEvents(List<(string, string, string)> recorded) : ISecurityEvents
    {
        public void Add(string kind, string subject, string outcome = Data.Auditing.SecurityEvents.Success, System.Text.Json.Nodes.JsonObject? details = null, string? actor = null) =>
            recorded.Add((kind, subject, outcome));
    }

    private sealed class Anchors(List<string> problems) : IAuditAnchorSource
    {
        public (IReadOnlyList<AuditAnchor> Anchors, IReadOnlyList<string> Problems) Read() => ([], problems);
    }

    private sealed class PolicyDefaults(UseCaseHost host) : ISecurityPolicyDefaults
    {
        public SecurityPolicy Defaults => new();

        public bool TwoFactorRequiredByConfiguration => host.TwoFactorRequiredByConfiguration;
    }
}
