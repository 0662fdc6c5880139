using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Synthetic;
using Tidu.Web.Security;

namespace Tidu.Web.Seeding;

/// <summary>At start: apply migrations, load the region tree, and on a new demo database create demo accounts and enterprises.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<HttpRegionScopeSource>().Override = Data.Scoping.RegionScope.Everything("system:startup");
        var db = sp.GetRequiredService<TiduDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tidu.Startup");
        if (sp.GetRequiredService<Auditing.AuditKeyStatus>().GeneratedAt is { } keyFile)
        {
            log.LogWarning("No audit hash key was configured: generated one in {KeyFile}. Keep it (and its backups) away from the database; without it the audit trail cannot be verified", keyFile);
        }
        await db.Database.MigrateAsync().ConfigureAwait(false);
        await SeedRegionsAsync(db, sp.GetRequiredService<RegionTree>()).ConfigureAwait(false);
        await SeedRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>()).ConfigureAwait(false);
        if (!await db.SecurityPolicies.AnyAsync().ConfigureAwait(false))
        {
            // The policy starts with the configured values; from then on the security administrator sets it.
            db.SecurityPolicies.Add(sp.GetRequiredService<Security.Accounts.SecurityPolicyStore>().Defaults);
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
        await sp.GetRequiredService<ConfigurationSnapshot>().RecordIfChangedAsync(db, sp.GetRequiredService<TimeProvider>()).ConfigureAwait(false);
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Seed && !await db.Users.AnyAsync().ConfigureAwait(false))
        {
            await SeedDemoAsync(sp, demo, log, app.Environment.IsDevelopment()).ConfigureAwait(false);
        }
    }

    private static async Task SeedRegionsAsync(TiduDbContext db, RegionTree tree)
    {
        var known = (await db.Regions.Select(r => r.Code).ToListAsync().ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        foreach (var r in tree.All.Where(r => !known.Contains(r.Code)))
        {
            db.Regions.Add(new Data.Entities.Region { Code = r.Code, Name = r.Name, ParentCode = r.Parent, Level = r.Level });
        }
        await db.SaveChangesAsync().ConfigureAwait(false);
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

    private static async Task SeedDemoAsync(IServiceProvider sp, DemoOptions demo, ILogger log, bool development)
    {
        var tree = sp.GetRequiredService<RegionTree>();
        var library = sp.GetRequiredService<RuleLibrary>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var registry = sp.GetRequiredService<EnterpriseRegistry>();
        var db = sp.GetRequiredService<TiduDbContext>();

        var generator = new ProfileGenerator(tree.Leaves(), library, ChinaCalendar.Today(clock).Year - 1, TierMix.Zhejiang.Oversampled(demo.CandidateOversampling));
        var profiles = Enumerable.Range(0, demo.Enterprises).Select(i => generator.Generate(demo.GeneratorSeed, i)).ToList();
        // Demo data: the generated files' recognitions are the system's own (no round issued them).
        await registry.UpsertAsync(profiles, RecognitionWrites.Official).ConfigureAwait(false);

        var users = sp.GetRequiredService<UserManager<TiduUser>>();
        var enterpriseCode = profiles.First(p => p.RegionCode == "330102").CreditCode;
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
        await DemoRound.SeedAsync(sp, demo).ConfigureAwait(false);
        await Sharing.DemoConsents.SeedAsync(db, profiles.Where(p => p.RegionCode.StartsWith("3301", StringComparison.Ordinal)).Select(p => p.CreditCode), clock).ConfigureAwait(false);
        await ServiceDemo.SeedAsync(sp, enterpriseCode).ConfigureAwait(false);

        var accounts = string.Join(", ", DemoAccounts.All.Select(a => $"{a.UserName} ({a.Role}{(a.RegionCode is null ? "" : " " + a.RegionCode)})"));
        if (development)
        {
            // The local demo (dotnet run): the person at the console needs the password and the key to try the platform.
            log.LogWarning(
                "Demo database created with {Count} enterprises. Demo accounts (password '{Password}'): {Accounts}. Demo bank API key (region 330100, list key, pulls the bank list; shown once): {Key}",
                profiles.Count, demo.Password, accounts, key);
        }
        else
        {
            // Anywhere else logs are shipped and kept: no secret goes into them.
            log.LogWarning("Demo database created with {Count} enterprises. Demo accounts: {Accounts}. The demo password and the demo bank API key are not logged outside development",
                profiles.Count, accounts);
        }
    }
}
