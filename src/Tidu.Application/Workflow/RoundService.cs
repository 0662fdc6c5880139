using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;
using Tidu.Rules;

namespace Tidu.Application.Workflow;

/// <summary>
/// Opening recognition rounds and reading their progress, for the API and the pages alike. A province officer opens a
/// round for their own province: tier, dates, the rule-set version, a quota per city of the province.
/// </summary>
public sealed class RoundService(TiduDbContext db, RuleLibrary rules, RegionTree regions, TimeProvider clock, IOptions<WorkflowOptions> defaults, IActorSource actors)
{
    /// <summary>Every "tier@version" a round of <paramref name="tier"/> may evaluate against, newest first.</summary>
    public IReadOnlyList<string> RuleVersionsOf(string tier) =>
        [.. rules.Tiers.Where(t => t.Id == tier).SelectMany(t => t.Versions.Select(v => (Id: $"{t.Id}@{v.Info.VersionId}", v.Info.EffectiveFrom))).OrderByDescending(v => v.EffectiveFrom).Select(v => v.Id).Distinct()];

    public WorkflowOptions Defaults => defaults.Value;

    /// <summary>A rule version a round in <c>regionCode</c> may use: "tier@version" and how a person reads it.</summary>
    public sealed record RuleVersionChoice(string Tier, string Value, string Label);

    /// <summary>
    /// The tiers that apply in <paramref name="regionCode"/> in the rules' order, each with the versions in force on
    /// <paramref name="from"/> or later (a superseded version is no basis for a new round), the current one first.
    /// </summary>
    public IReadOnlyList<RuleVersionChoice> RuleVersionChoices(string regionCode, DateOnly from) =>
        [.. rules.TiersFor(regionCode).SelectMany(sets => sets)
            .SelectMany(t => t.Versions.Where(v => v.Info.EffectiveTo is null || v.Info.EffectiveTo >= from)
                .Select(v => (Tier: t.Id, Value: $"{t.Id}@{v.Info.VersionId}", t.Title, t.Order, v.Info.VersionId, v.Info.EffectiveFrom)))
            .DistinctBy(v => v.Value)
            .OrderBy(v => v.Order).ThenBy(v => v.EffectiveFrom)
            .Select(v => new RuleVersionChoice(v.Tier, v.Value,
                $"{v.Title}（{DisplayNames.VersionName(v.VersionId)}，{(v.EffectiveFrom <= from ? "现行" : $"{v.EffectiveFrom:yyyy-MM-dd} 起施行")}）"))];

    /// <summary>The choice a new round starts from: the tier of the province's latest round in its current version, else the first.</summary>
    public async Task<string?> DefaultChoiceAsync(IReadOnlyList<RuleVersionChoice> choices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var lastTier = await db.Rounds.AsNoTracking().OrderByDescending(r => r.Id).Select(r => r.Tier).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return (choices.FirstOrDefault(c => c.Tier == lastTier) ?? (choices.Count > 0 ? choices[0] : null))?.Value;
    }

    /// <summary>The cities (设区市) of <paramref name="regionCode"/>, the places a round's quotas go to.</summary>
    public IReadOnlyList<Domain.Regions.Region> CitiesOf(string regionCode) =>
        [.. regions.All.Where(r => r.Level == "city" && regions.IsWithin(r.Code, regionCode)).OrderBy(r => r.Code, StringComparer.Ordinal)];

    public async Task<Outcome<Round>> OpenAsync(OpenRoundRequest body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var region = actors.Current.RegionCode;
        if (!actors.Current.Is(Roles.ProvinceOfficer) || region is null)
        {
            return WorkflowProblems.Forbidden("只有省级主管部门可以发起申报批次", "only a province officer opens a recognition round");
        }
        var errors = Validate(body, region, out var publicityDays, out var validityYears);
        if (errors.Count > 0)
        {
            return Refusal.Validation("round.invalid",
                "申报批次数据校验未通过：" + string.Join("；", errors.Select(e => e.Zh)),
                "round validation failed",
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.En).ToArray()));
        }
        var quotas = body.Quotas ?? [];
        var round = new Round
        {
            Title = body.Title.Trim(),
            Tier = body.Tier,
            RegionCode = region,
            OpensOn = body.OpensOn,
            ClosesOn = body.ClosesOn,
            RuleSetVersion = body.RuleSetVersion,
            OpenedBy = db.Scope.Actor,
            OpenedAt = clock.GetUtcNow(),
            PublicityWorkingDays = publicityDays,
            ValidityYears = validityYears,
            Quotas = [.. quotas.Select(q => new RoundQuota { CityCode = q.CityCode, Quota = q.Quota })],
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return round;
    }

    private sealed record FieldError(string Field, string Zh, string En);

    /// <summary>
    /// The tier a title names when it names tiers but not the round's own (by full or short name: "专精特新“小巨人”" names
    /// the little giant, and only as part of it the specialized SME); null when it names the round's tier or none.
    /// </summary>
    private string? TitleNamesOtherTier(string title, string tier)
    {
        var named = rules.Tiers.Select(t => t.Id).Distinct()
            .Select(id => (Id: id, Names: new[] { DisplayNames.Tier(id), DisplayNames.TierShort(id) }))
            .Select(t => (t.Id, Match: t.Names.Where(n => title.Contains(n, StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault()))
            .Where(t => t.Match is not null)
            .ToList();
        // A name inside a longer one that matched ("专精特新" inside "专精特新“小巨人”企业") is not a mention of its own.
        var mentioned = named.Where(t => !named.Any(o => o.Id != t.Id && o.Match!.Length > t.Match!.Length && o.Match.Contains(t.Match, StringComparison.Ordinal))).ToList();
        return mentioned.Count == 0 || mentioned.Any(t => t.Id == tier) ? null : mentioned[0].Id;
    }

    private List<FieldError> Validate(OpenRoundRequest body, string region, out int publicityDays, out int validityYears)
    {
        var errors = new List<FieldError>();
        var tierSets = rules.Tiers.Where(t => t.Id == body.Tier).ToList();
        if (tierSets.Count == 0)
        {
            errors.Add(new("tier", "未知的培育层级", $"unknown tier {body.Tier}"));
        }
        else if (!RuleVersionsOf(body.Tier).Contains(body.RuleSetVersion))
        {
            errors.Add(new("ruleSetVersion", "所选规则版本不属于该层级",
                $"{body.RuleSetVersion} is not a version of {body.Tier} (known: {string.Join(", ", RuleVersionsOf(body.Tier))})"));
        }
        else if (tierSets.SelectMany(t => t.Versions).FirstOrDefault(v => $"{body.Tier}@{v.Info.VersionId}" == body.RuleSetVersion) is { } version
            && (version.Info.EffectiveFrom > body.ClosesOn || version.Info.EffectiveTo < body.OpensOn))
        {
            errors.Add(new("ruleSetVersion", $"所选规则版本（{DisplayNames.VersionName(version.Info.VersionId)}）在批次申报期间不施行，请选择现行版本",
                $"{body.RuleSetVersion} is in force {version.Info.EffectiveFrom:yyyy-MM-dd}..{version.Info.EffectiveTo:yyyy-MM-dd}, not during the round {body.OpensOn:yyyy-MM-dd}..{body.ClosesOn:yyyy-MM-dd}"));
        }
        if (string.IsNullOrWhiteSpace(body.Title))
        {
            errors.Add(new("title", "请填写批次名称", "a round needs a title"));
        }
        else if (TitleNamesOtherTier(body.Title, body.Tier) is { } named)
        {
            errors.Add(new("title", $"批次名称提到“{DisplayNames.Tier(named)}”，但所选梯度为“{DisplayNames.Tier(body.Tier)}”，请核对名称或梯度",
                $"the title names {named}, the round's tier is {body.Tier}"));
        }
        if (body.ClosesOn < body.OpensOn)
        {
            errors.Add(new("closesOn", "截止日期早于开始日期", $"the round closes ({body.ClosesOn:yyyy-MM-dd}) before it opens ({body.OpensOn:yyyy-MM-dd})"));
        }
        var quotas = body.Quotas ?? [];
        foreach (var q in quotas)
        {
            if (regions.Find(q.CityCode) is not { Level: "city" } || !regions.IsWithin(q.CityCode, region))
            {
                errors.Add(new("quotas", $"{q.CityCode} 不是本省的设区市", $"{q.CityCode} is not a city within {region}"));
            }
            if (q.Quota < 0)
            {
                errors.Add(new("quotas", $"{q.CityCode} 的推荐名额不能为负数", $"the quota of {q.CityCode} is negative"));
            }
        }
        if (quotas.GroupBy(q => q.CityCode).Any(g => g.Count() > 1))
        {
            errors.Add(new("quotas", "同一设区市只能分配一个推荐名额", "a city is given more than one quota"));
        }
        publicityDays = body.PublicityWorkingDays ?? defaults.Value.PublicityWorkingDays;
        validityYears = body.ValidityYears ?? defaults.Value.RecognitionValidityYears;
        if (publicityDays < 1)
        {
            errors.Add(new("publicityWorkingDays", "公示期至少 1 个工作日",
                $"publicity needs at least one working day (got {publicityDays}; is Workflow:PublicityWorkingDays configured?)"));
        }
        if (validityYears < 1)
        {
            errors.Add(new("validityYears", "认定有效期至少 1 年",
                $"a recognition must be valid at least one year (got {validityYears}; is Workflow:RecognitionValidityYears configured?)"));
        }
        return errors;
    }

    /// <summary>Today in China time, the day rounds are open or closed on.</summary>
    public DateOnly Today => Tidu.Data.Registry.ChinaCalendar.Today(clock);

    /// <summary>Every round with its quotas, newest first (every signed-in reader sees the same list).</summary>
    public async Task<IReadOnlyList<Round>> ListAsync(CancellationToken ct) =>
        await db.Rounds.AsNoTracking().Include(r => r.Quotas).OrderByDescending(r => r.Id).ToListAsync(ct).ConfigureAwait(false);

    /// <summary>One round with its quotas.</summary>
    public async Task<Outcome<Round>> FindAsync(long id, CancellationToken ct) =>
        await db.Rounds.AsNoTracking().Include(r => r.Quotas).SingleOrDefaultAsync(r => r.Id == id, ct).ConfigureAwait(false) is { } round
            ? round
            : WorkflowProblems.RoundNotFound(id);

    /// <summary>
    /// One round as its page shows it: the round, its progress within the reader's scope, and, for an enterprise user,
    /// its own application in the round (null when it has not applied).
    /// </summary>
    public async Task<Outcome<RoundOverview>> OverviewAsync(long id, CancellationToken ct)
    {
        var found = await FindAsync(id, ct).ConfigureAwait(false);
        if (found.Value is not { } round)
        {
            return found.Refusal!;
        }
        var progress = await ProgressAsync(id, ct).ConfigureAwait(false);
        var own = actors.Current.CreditCode is { } code
            ? await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.RoundId == id && a.Enterprise.CreditCode == code, ct).ConfigureAwait(false)
            : null;
        return new RoundOverview(round, progress, own, Today);
    }

    /// <summary>Whether the round takes applications on <paramref name="today"/> (its first and last day included).</summary>
    public static bool IsOpen(Round round, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.OpensOn <= today && today <= round.ClosesOn;
    }

    /// <summary>Applications of the round per state, counted within the caller's region scope.</summary>
    public async Task<IReadOnlyDictionary<ApplicationState, int>> ProgressAsync(long roundId, CancellationToken ct)
    {
        var counts = await db.Applications.Where(a => a.RoundId == roundId).GroupBy(a => a.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }
}

/// <summary>A round with its progress per state (within the reader's scope), the enterprise user's own application, and the day it was read.</summary>
public sealed record RoundOverview(Round Round, IReadOnlyDictionary<ApplicationState, int> Progress, Tidu.Data.Entities.Workflow.Application? Own, DateOnly Today);
