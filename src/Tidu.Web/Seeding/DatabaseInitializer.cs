using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Synthetic;
using Tidu.Web.Security;

namespace Tidu.Web.Seeding;

/// <summary>
/// At start: apply migrations, load the region tree, and on a new demo database create demo accounts, enterprises and
/// workflow data — each phase announced in one Chinese line on <see cref="StartupProgress"/>.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app, StartupProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        progress ??= StartupProgress.Silent;
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<HttpRegionScopeSource>().Override = Data.Scoping.RegionScope.Everything("system:startup");
        var db = sp.GetRequiredService<TiduDbContext>();
        progress.Report("正在检查并更新数据库结构……");
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tidu.Startup");
        if (sp.GetRequiredService<Auditing.AuditKeyStatus>().GeneratedAt is { } keyFile)
        {
            log.LogWarning("No audit hash key was configured: generated one in {KeyFile}. Keep it (and its backups) away from the database; without it the audit trail cannot be verified", keyFile);
            progress.Report($"未配置审计哈希密钥，已生成：{keyFile}。请与数据库分开妥善保存（含备份），没有它无法校验审计日志。");
        }
        await db.Database.MigrateAsync().ConfigureAwait(false);
        await Cluster.ClusterHosting.EnsureClusterSchemaAsync(sp, db.Database.GetConnectionString()).ConfigureAwait(false);
        progress.Report("正在载入行政区划（浙江省、湖北省）……");
        await Data.Registry.RegionSeeding.EnsureAsync(db, sp.GetRequiredService<RegionTree>()).ConfigureAwait(false);
        await SeedRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>()).ConfigureAwait(false);
        if (!await db.SecurityPolicies.AnyAsync().ConfigureAwait(false))
        {
            // The policy starts with the configured values; from then on the security administrator sets it.
            db.SecurityPolicies.Add(sp.GetRequiredService<Security.Accounts.SecurityPolicyStore>().Defaults);
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
        await sp.GetRequiredService<ConfigurationSnapshot>().RecordIfChangedAsync(db, sp.GetRequiredService<TimeProvider>()).ConfigureAwait(false);
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        string? bankKey = null;
        if (demo.Seed && !await db.Users.AnyAsync().ConfigureAwait(false))
        {
            bankKey = await SeedDemoAsync(sp, demo, progress, log, app.Environment.IsDevelopment()).ConfigureAwait(false);
        }
        // Where to open the platform, once Kestrel has bound (not known before: the port may come from --urls).
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                progress.Report($"平台已启动：{address}（按 Ctrl+C 停止）");
            }
            if (bankKey is not null && addresses.FirstOrDefault() is { } first)
            {
                // Kestrel reports a wildcard as it bound it ("http://[::]:5080"): the call is made to this machine.
                var local = new UriBuilder(first) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
                progress.Report($"试用演示银行密钥：curl -H \"X-Api-Key: {bankKey}\" {local}/api/v1/lists/enterprises");
            }
        });
    }

    private static async Task SeedRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the demo data; returns the demo bank's API key to show once, in development only (null elsewhere).</summary>
    private static async Task<string?> SeedDemoAsync(IServiceProvider sp, DemoOptions demo, StartupProgress progress, ILogger log, bool development)
    {
        var tree = sp.GetRequiredService<RegionTree>();
        var library = sp.GetRequiredService<RuleLibrary>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var registry = sp.GetRequiredService<EnterpriseRegistry>();
        var db = sp.GetRequiredService<TiduDbContext>();

        progress.Report($"首次启动：正在生成并评价 {demo.Enterprises} 家演示企业（约需数分钟，仅首次）……");
        var generator = new ProfileGenerator(tree.Leaves(), library, ChinaCalendar.Today(clock).Year - 1, TierMix.Zhejiang.Oversampled(demo.CandidateOversampling));
        var profiles = Enumerable.Range(0, demo.Enterprises).Select(i => generator.Generate(demo.GeneratorSeed, i)).ToList();
        // The demo enterprise account needs a file in its own district: a small demo may have drawn none there, so the
        // generator's sequence is followed on to the first that is, which takes the last one's place (deterministic:
        // the same seed gives the same files, and as many as configured).
        var accountRegion = DemoAccounts.All.First(a => a.Role == Roles.Enterprise).RegionCode ?? throw new InvalidOperationException("the demo enterprise account has no district");
        for (var i = demo.Enterprises; !profiles.Exists(p => p.RegionCode == accountRegion); i++)
        {
            if (i - demo.Enterprises > 100_000)
            {
                throw new InvalidOperationException($"the demo generator drew no enterprise in {accountRegion}");
            }
            if (generator.Generate(demo.GeneratorSeed, i) is { } next && next.RegionCode == accountRegion)
            {
                if (profiles.Count == 0)
                {
                    profiles.Add(next);
                }
                else
                {
                    profiles[^1] = next;
                }
            }
        }
        // Demo data: the generated files' recognitions are the system's own (no round issued them).
        await registry.UpsertAsync(profiles, RecognitionWrites.Official).ConfigureAwait(false);

        progress.Report("正在创建演示账号……");
        var users = sp.GetRequiredService<UserManager<TiduUser>>();
        var enterpriseCode = profiles.First(p => p.RegionCode == accountRegion).CreditCode;
        foreach (var a in DemoAccounts.All)
        {
            var user = new TiduUser
            {
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                RegionCode = a.RegionCode,
                CreditCode = a.Role == Roles.Enterprise ? enterpriseCode : null,
            };
            var created = await users.CreateAsync(user, demo.Password).ConfigureAwait(false);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("demo account " + a.UserName + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(user, a.Role).ConfigureAwait(false);
        }
        var (key, prefix, hash) = ApiKeyAuthentication.NewKey();
        db.ApiKeys.Add(new ApiKey
        {
            Name = "演示银行（杭州）",
            Prefix = prefix,
            SecretHash = hash,
            RegionCode = "330100",
            Scopes = ApiScopes.ListsRead,
            CreatedAt = clock.GetUtcNow(),
            RecipientKind = Data.Entities.Sharing.RecipientKinds.Bank,
            Tiers = "innovative-sme specialized-sme little-giant",
        });
        await db.SaveChangesAsync().ConfigureAwait(false);

        progress.Report("正在创建演示申报批次（一个申报中，一个公示已结束待认定）……");
        await DemoRound.SeedAsync(sp, demo).ConfigureAwait(false);
        await DemoHistory.SeedAsync(sp, enterpriseCode, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tidu.Startup")).ConfigureAwait(false);
        progress.Report("正在登记演示授权、服务专员与企业诉求……");
        await Sharing.DemoConsents.SeedAsync(db, profiles.Where(p => p.RegionCode.StartsWith("3301", StringComparison.Ordinal)).Select(p => p.CreditCode), clock).ConfigureAwait(false);
        await ServiceDemo.SeedAsync(sp, enterpriseCode).ConfigureAwait(false);
        progress.Report("正在导入浙江省名单公布数（演示，与省级主管部门在“名单公布数”页面导入的方式相同）……");
        await DemoOfficialCounts.SeedAsync(sp).ConfigureAwait(false);

        var accounts = string.Join(", ", DemoAccounts.All.Select(a => $"{a.UserName} ({a.Role}{(a.RegionCode is null ? "" : " " + a.RegionCode)})"));
        log.LogInformation("Demo database created with {Count} enterprises. Demo accounts: {Accounts}", profiles.Count, accounts);
        // The local demo (dotnet run, development): the person at the console needs the password and the key to try the
        // platform. Anywhere else the console is shipped and kept as a log: no secret goes into it.
        progress.Report(development
            ? $"演示数据已就绪：{profiles.Count} 家企业。演示账号（密码均为 {demo.Password}）："
            : $"演示数据已就绪：{profiles.Count} 家企业。演示账号（密码与演示银行密钥只在开发环境显示）：");
        foreach (var a in DemoAccounts.All)
        {
            var region = a.RegionCode is { } code ? tree.Find(code)?.Name ?? code : "全部区域";
            progress.Report($"  {a.UserName,-18} {DisplayNames.Role(a.Role)}（{region}）");
        }
        if (!development)
        {
            return null;
        }
        progress.Report("演示银行接口密钥（杭州市，只读，可拉取银行名单；只显示这一次，请复制保存）：");
        progress.Report("  " + key);
        return key;
    }
}
