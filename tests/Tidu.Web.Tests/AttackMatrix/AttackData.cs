using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Entities.Importing;
using Tidu.Data.Entities.Service;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Rules;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.AttackMatrix;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// The objects of one region the attack matrix aims at: an enterprise file and everything that hangs off it (an
/// application with a material, an objection, an expert's scores and a declaration; a recognition, a pool stay, a
/// commissioner, a request, a visit, a consent, a notice, an import job, a list pull). Every text is a marker: a
/// response that carries one has leaked the object.
/// </summary>
public sealed record ObjectSet(
    string Name,
    string RegionCode,
    string CreditCode,
    long EnterpriseId,
    long RoundId,
    string RuleSetVersion,
    long ApplicationId,
    int ApplicationRevision,
    long MaterialId,
    long ObjectionId,
    long RequestId,
    int RequestRevision,
    long RecognitionId,
    long PoolStayId,
    long ConsentId,
    long NotificationId,
    Guid ImportJobId,
    string Marker)
{
    /// <summary>The texts only this set's objects carry (the enterprise's name and every other stored text share the marker).</summary>
    public IReadOnlyList<string> Markers => [Marker];
}

/// <summary>
/// Everything the attack matrix needs, made by the suite itself (no test depends on another's data): three victim
/// object sets — another county (拱墅区 330105, same city as the attackers' 上城区), another city (海曙区 330203, Ningbo) and
/// another province (江岸区 420102, Hubei) — a home set in the attackers' own county, owned by the suite's enterprise
/// user and assigned to the suite's expert, and fresh accounts (a shared demo account's notices or sign-in state
/// must not change under other tests).
/// </summary>
public sealed class AttackData
{
    public const string Password = TiduAppFixture.DemoPassword;

    private AttackData(string run) => Run = run;

    public string Run { get; }

    public ObjectSet Home { get; private set; } = null!;

    /// <summary>Other county, other city, other province.</summary>
    public IReadOnlyList<ObjectSet> Victims { get; private set; } = [];

    /// <summary>Account names by actor role: admin, province, city, county, commissioner, expert, enterprise.</summary>
    public IReadOnlyDictionary<string, string> Users { get; private set; } = new Dictionary<string, string>();

    public string ReadKey { get; private set; } = "";
    public string WriteKey { get; private set; } = "";
    public string ListKey { get; private set; } = "";

    /// <summary>A read key of another province, sent beside a county officer's cookie.</summary>
    public string ForeignKey { get; private set; } = "";

    public static async Task<AttackData> CreateAsync(TiduAppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var data = new AttackData(Guid.NewGuid().ToString("N")[..6]);
        await StaggerIdsAsync(app).ConfigureAwait(false);
        await data.BuildAsync(app).ConfigureAwait(false);
        return data;
    }

    /// <summary>
    /// On PostgreSQL, moves every id sequence to one common value plus a small offset of its own (fixed by its name), so
    /// that the ids of different kinds of object of the four sets coincide: a handler that takes one kind's id as
    /// another's — or a probe that aims an id at the wrong kind — then reaches some other set's object, and the
    /// matrix sees it on every run, not only when the ids made by earlier tests happen to line up. Sequences only
    /// move up, so no other test's inserts can collide. (SQLite's ids follow each table's largest row and are left as they are.)
    /// </summary>
    private static async Task StaggerIdsAsync(TiduAppFixture app)
    {
        if (app.Provider != "postgres")
        {
            return;
        }
        await app.WithDbAsync(async db =>
        {
            var sequences = await db.Database.SqlQueryRaw<string>("SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS \"Value\" FROM pg_sequences")
                .ToListAsync().ConfigureAwait(false);
            var top = await db.Database.SqlQueryRaw<long>("SELECT coalesce(max(last_value), 0) AS \"Value\" FROM pg_sequences").SingleAsync().ConfigureAwait(false);
            var common = ((top / 1000) + 2) * 1000;
            foreach (var sequence in sequences)
            {
                var offset = sequence.Sum(c => c) % 4;
                await db.Database.ExecuteSqlAsync($"SELECT setval({sequence}::regclass, {common + offset})").ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private async Task BuildAsync(TiduAppFixture app)
    {
        var today = TestClock.Today;
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var victimExpert = await UserAsync(app, "victim-expert", Roles.Expert, null, null).ConfigureAwait(false);
        var expert = await UserAsync(app, "expert", Roles.Expert, null, null).ConfigureAwait(false);
        var zhejiang = await RoundAsync(app, "330000", ["330100", "330200"], today).ConfigureAwait(false);
        var hubei = await RoundAsync(app, "420000", ["420100"], today).ConfigureAwait(false);
        var serial = 830_000 + (Convert.ToInt32(Run[..4], 16) % 5000 * 10);
        Home = await ObjectsAsync(app, "home", "330102", serial, zhejiang, expert, today).ConfigureAwait(false);
        Victims =
        [
            await ObjectsAsync(app, "other-county", "330105", serial + 1, zhejiang, victimExpert, today).ConfigureAwait(false),
            await ObjectsAsync(app, "other-city", "330203", serial + 2, zhejiang, victimExpert, today).ConfigureAwait(false),
            await ObjectsAsync(app, "other-province", "420102", serial + 3, hubei, victimExpert, today).ConfigureAwait(false),
        ];
        users["system-admin"] = await UserAsync(app, "system-admin", Roles.SystemAdministrator, null, null).ConfigureAwait(false);
        users["security-admin"] = await UserAsync(app, "security-admin", Roles.SecurityAdministrator, null, null).ConfigureAwait(false);
        users["audit-admin"] = await UserAsync(app, "audit-admin", Roles.AuditAdministrator, null, null).ConfigureAwait(false);
        users["province"] = await UserAsync(app, "province", Roles.ProvinceOfficer, "330000", null).ConfigureAwait(false);
        users["city"] = await UserAsync(app, "city", Roles.CityOfficer, "330100", null).ConfigureAwait(false);
        users["county"] = await UserAsync(app, "county", Roles.CountyOfficer, "330102", null).ConfigureAwait(false);
        users["commissioner"] = await UserAsync(app, "commissioner", Roles.Commissioner, "330102", null).ConfigureAwait(false);
        users["expert"] = expert;
        users["enterprise"] = await UserAsync(app, "enterprise", Roles.Enterprise, "330102", Home.CreditCode).ConfigureAwait(false);
        Users = users;
        ReadKey = await ApiKeys.CreateAsync(app, "330102", ApiScopes.EnterprisesRead).ConfigureAwait(false);
        WriteKey = await ApiKeys.CreateAsync(app, "330102", ApiScopes.EnterprisesRead + " " + ApiScopes.EnterprisesWrite).ConfigureAwait(false);
        ListKey = await ApiKeys.CreateAsync(app, "330100", ApiScopes.ListsRead, RecipientKinds.Bank, "innovative-sme specialized-sme little-giant").ConfigureAwait(false);
        ForeignKey = await ApiKeys.CreateAsync(app, "420000", ApiScopes.EnterprisesRead).ConfigureAwait(false);
    }

    private async Task<string> UserAsync(TiduAppFixture app, string role, string identityRole, string? region, string? creditCode)
    {
        using var scope = app.App.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
        var name = $"am-{Run}-{role}";
        var user = new TiduUser { UserName = name, DisplayName = "攻击矩阵 " + role, RegionCode = region, CreditCode = creditCode };
        var created = await manager.CreateAsync(user, Password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await manager.AddToRoleAsync(user, identityRole).ConfigureAwait(false);
        return name;
    }

    private async Task<(long Id, string Version)> RoundAsync(TiduAppFixture app, string province, string[] cities, DateOnly today)
    {
        var library = app.App.Services.GetRequiredService<RuleLibrary>();
        var set = library.Tiers.First(t => t.Id == "specialized-sme" && t.VersionOn(today) is not null);
        var version = $"{set.Id}@{set.VersionOn(today)!.Info.VersionId}";
        var id = await app.WithDbAsync(async db =>
        {
            var round = new Round
            {
                Title = "攻击矩阵批次 " + Run,
                Tier = "specialized-sme",
                RegionCode = province,
                OpensOn = today.AddDays(-30),
                ClosesOn = today.AddDays(30),
                RuleSetVersion = version,
                OpenedBy = "test:attack-matrix",
                OpenedAt = app.Clock.GetUtcNow(),
                PublicityWorkingDays = 5,
                ValidityYears = 3,
                Quotas = [.. cities.Select(c => new RoundQuota { CityCode = c, Quota = 10 })],
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync().ConfigureAwait(false);
            return round.Id;
        }).ConfigureAwait(false);
        return (id, version);
    }

    private async Task<ObjectSet> ObjectsAsync(TiduAppFixture app, string name, string region, int serial, (long Id, string Version) round, string expert, DateOnly today)
    {
        var marker = $"攻击矩阵标记{Run}{name}";
        var code = CreditCodes.For(region, serial);
        var profile = Profiles.Minimal(code, marker + "有限公司", region);
        var parsed = ProfileReader.Parse(new RawRecord(1, code, JsonSerializer.SerializeToUtf8Bytes(profile))).Profile
            ?? throw new InvalidOperationException("attack-matrix profile invalid");
        await app.WithRegistryAsync(r => r.UpsertAsync([parsed])).ConfigureAwait(false);
        var now = app.Clock.GetUtcNow();
        var ids = await app.WithDbAsync(async db =>
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == code).ConfigureAwait(false);
            var application = new Application
            {
                RoundId = round.Id,
                EnterpriseId = e.Id,
                State = ApplicationState.CityRecommended,
                DeclaredTrue = true,
                SubmittedAt = now,
                PreEvaluation = "{\"tiers\":{\"specialized-sme\":{\"qualified\":false}}}",
                PreEvaluationRuleVersion = round.Version,
            };
            application.Objections.Add(new ApplicationObjection { Application = application, Reason = marker + "异议", RaisedBy = "test", RaisedAt = now });
            db.Applications.Add(application);
            var recognition = new EnterpriseRecognition
            {
                EnterpriseId = e.Id,
                Tier = "little-giant",
                RecognizedOn = today.AddYears(-1),
                ValidUntil = today.AddYears(2),
                Issuer = marker + "发布机关",
            };
            db.Recognitions.Add(recognition);
            var stay = new PoolMembership
            {
                EnterpriseId = e.Id,
                Tier = "specialized-sme",
                Pool = CultivationPool.Reserve,
                Source = "officer",
                EnteredOn = today,
                EnteredAt = now,
                EnteredBy = "test",
                EntryReason = marker + "入库理由",
            };
            db.PoolMemberships.Add(stay);
            // Consent to service bodies only: the bank list key must not list this enterprise.
            var consent = new SharingConsent { EnterpriseId = e.Id, RecipientKind = RecipientKinds.ServiceBody, Basis = "paper", PaperReference = marker + "授权书", GivenAt = now, GivenBy = "test" };
            db.SharingConsents.Add(consent);
            var request = new EnterpriseRequest
            {
                EnterpriseId = e.Id,
                Category = "finance",
                Title = marker + "诉求",
                Description = marker + "诉求内容",
                Status = RequestStatus.Submitted,
                SubmittedBy = "test",
                SubmittedAt = now,
                SubmittedOn = today,
                SubmittedMonth = (today.Year * 100) + today.Month,
                // Far from due: reading requests escalates overdue ones, which would be a write nobody asked for.
                FirstDueOn = today.AddYears(1),
                DueOn = today.AddYears(1),
                Level = "county",
                HandlingRegionCode = region,
            };
            db.EnterpriseRequests.Add(request);
            db.Visits.Add(new Visit { EnterpriseId = e.Id, Commissioner = "test", VisitedOn = today, Notes = marker + "走访记录", RecordedAt = now });
            db.CommissionerAssignments.Add(new CommissionerAssignment
            {
                EnterpriseId = e.Id,
                Commissioner = "test-commissioner",
                RegionCode = region,
                Level = "county",
                AssignedBy = "test",
                AssignedAt = now,
                Reason = marker + "指派理由",
            });
            await db.SaveChangesAsync().ConfigureAwait(false);

            var expertId = await db.Users.Where(u => u.UserName == expert).Select(u => u.Id).SingleAsync().ConfigureAwait(false);
            db.ExpertAssignments.Add(new ExpertAssignment
            {
                ApplicationId = application.Id,
                EnterpriseId = e.Id,
                EnterpriseCreditCode = code,
                EnterpriseRegionCode = e.RegionCode,
                EnterpriseCityCode = e.CityCode,
                EnterpriseProvinceCode = e.ProvinceCode,
                ExpertId = expertId,
                ExpertUserName = expert,
                AssignedBy = "test",
                AssignedAt = now,
                HasConflict = name == "home" ? null : false,
                ItemScores = name == "home" ? null : "{\"specialization\":20}",
                TotalScore = name == "home" ? null : 20,
                Comment = name == "home" ? null : marker + "评审意见",
                ScoredAt = name == "home" ? null : now,
            });
            var material = new ApplicationMaterial
            {
                ApplicationId = application.Id,
                EnterpriseId = e.Id,
                FileName = marker + "材料.pdf",
                StoredName = Guid.NewGuid().ToString("N"),
                Kind = "pdf",
                ContentType = "application/pdf",
                Length = 10,
                Sha256 = new string('0', 64),
                UploadedBy = "test",
                UploadedAt = now,
            };
            db.ApplicationMaterials.Add(material);
            db.ApplicationDeclarations.Add(new ApplicationDeclaration { ApplicationId = application.Id, EnterpriseId = e.Id, ProfileJson = profile.ToJsonString(), DeclaredBy = "test", DeclaredAt = now });
            var notice = new Notification
            {
                Kind = "attack-matrix",
                RecipientRole = Roles.CountyOfficer,
                RecipientRegionCode = region,
                RecipientCreditCode = code,
                EnterpriseId = e.Id,
                Title = marker + "通知",
                Body = marker + "通知内容",
                CreatedAt = now,
                Key = "attack-matrix:" + Run + ":" + name,
            };
            db.Notifications.Add(notice);
            var job = new ImportJobRecord
            {
                Id = Guid.NewGuid(),
                Owner = $"am-{Run}-owner-{name}",
                ScopeRegionCode = region,
                FileName = marker + "导入.csv",
                Format = "csv",
                State = "Validated",
                CreatedAt = now,
                CreatedMs = now.ToUnixTimeMilliseconds(),
                ValidProfiles = 1,
            };
            db.ImportJobs.Add(job);
            db.ImportJobContents.Add(new ImportJobContent { JobId = job.Id, Content = System.Text.Encoding.UTF8.GetBytes(marker) });
            db.ImportJobIssues.Add(new ImportJobIssue { JobId = job.Id, Ordinal = 0, Row = 2, Column = "企业名称", ReasonZh = marker + "问题", ReasonEn = marker });
            await db.SaveChangesAsync().ConfigureAwait(false);
            var keyId = await db.ApiKeys.OrderBy(k => k.Id).Select(k => k.Id).FirstAsync().ConfigureAwait(false);
            db.ListPulls.Add(new ListPull
            {
                At = now,
                ApiKeyId = keyId,
                KeyName = marker + "密钥",
                RecipientKind = RecipientKinds.Bank,
                RegionCode = region,
                Tiers = "little-giant",
                Format = "json",
                Rows = 1,
                ListHash = new string('0', 64),
            });
            await db.SaveChangesAsync().ConfigureAwait(false);
            return (e.Id, application.Id, material.Id, application.Objections[0].Id, request.Id, recognition.Id, stay.Id, consent.Id, notice.Id, job.Id);
        }).ConfigureAwait(false);
        return new ObjectSet(name, region, code, ids.Item1, round.Id, round.Version, ids.Item2, 0, ids.Item3, ids.Item4, ids.Item5, 0, ids.Item6, ids.Item7,
            ids.Item8, ids.Item9, ids.Item10, marker);
    }

    /// <summary>What must not change in a victim's objects (read past every scope), to compare before and after the attacks.</summary>
    public static Task<string> SnapshotAsync(TiduAppFixture app, ObjectSet o)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(o);
        return app.WithDbAsync(async db =>
        {
            var e = await db.Enterprises.AsNoTracking().SingleAsync(x => x.Id == o.EnterpriseId).ConfigureAwait(false);
            var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == o.ApplicationId).ConfigureAwait(false);
            var r = await db.EnterpriseRequests.AsNoTracking().SingleAsync(x => x.Id == o.RequestId).ConfigureAwait(false);
            var job = await db.ImportJobs.AsNoTracking().SingleAsync(x => x.Id == o.ImportJobId).ConfigureAwait(false);
            var counts = new[]
            {
                await db.AuditEntries.CountAsync(x => x.CreditCode == o.CreditCode).ConfigureAwait(false),
                await db.Recognitions.CountAsync(x => x.EnterpriseId == o.EnterpriseId).ConfigureAwait(false),
                await db.PoolMemberships.CountAsync(x => x.EnterpriseId == o.EnterpriseId).ConfigureAwait(false),
                await db.SharingConsents.CountAsync(x => x.EnterpriseId == o.EnterpriseId && x.WithdrawnAt == null).ConfigureAwait(false),
                await db.Visits.CountAsync(x => x.EnterpriseId == o.EnterpriseId).ConfigureAwait(false),
                await db.CommissionerAssignments.CountAsync(x => x.EnterpriseId == o.EnterpriseId && x.EndedAt == null).ConfigureAwait(false),
                await db.ExpertAssignments.CountAsync(x => x.EnterpriseId == o.EnterpriseId).ConfigureAwait(false),
                await db.ApplicationMaterials.CountAsync(x => x.EnterpriseId == o.EnterpriseId).ConfigureAwait(false),
                await db.ApplicationObjections.CountAsync(x => x.ApplicationId == o.ApplicationId).ConfigureAwait(false),
                await db.ApplicationDecisions.CountAsync(x => x.ApplicationId == o.ApplicationId).ConfigureAwait(false),
                await db.VerifiedValues.CountAsync(x => x.EnterpriseId == o.EnterpriseId).ConfigureAwait(false),
                await db.NotificationReads.CountAsync(x => x.NotificationId == o.NotificationId).ConfigureAwait(false),
                await db.RoundExpertReviews.CountAsync(x => x.RoundId == o.RoundId).ConfigureAwait(false),
                await db.RequestEntries.CountAsync(x => x.RequestId == o.RequestId).ConfigureAwait(false),
            };
            return $"{e.Name}|{e.Revision}|{a.State}|{a.Revision}|{r.Status}|{r.Revision}|{job.State}|{string.Join(',', counts)}";
        });
    }

    /// <summary>The highest audit entry id about any of the given enterprises (0 when none): a write to one of them raises it.</summary>
    public static Task<long> AuditMarkAsync(TiduAppFixture app, IReadOnlyList<string> creditCodes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var codes = creditCodes.ToList();
        return app.WithDbAsync(async db =>
            await db.AuditEntries.Where(a => a.CreditCode != null && codes.Contains(a.CreditCode)).Select(a => (long?)a.Id).MaxAsync().ConfigureAwait(false) ?? 0);
    }
}
