using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tidu.Application;
using Tidu.Application.Sharing;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Regions;
using Tidu.Web.Adapters;
using Tidu.Web.Api;
using Tidu.Web.Security;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Sharing;

/// <summary>
/// List push to banks and service bodies: a key with scope <c>lists:read</c> pulls the list of
/// consenting enterprises in its region and tiers as JSON or XLSX; every pull is logged with a hash of the list.
/// </summary>
public static class ListsApi
{
    public const string Scope = ApiScopes.ListsRead;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapListsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var lists = app.MapGroup("/api/v1/lists").WithTags("lists");
        // Only list keys (the access matrix's SharedList row); the list holds the consenting enterprises of the key's region and tiers.
        var recipients = lists.MapGroup("");
        recipients.MapGet("/enterprises", JsonAsync)
            .WithSummary("The caller's list: consenting enterprises in the key's region (or ?region= below it) holding or qualifying for the key's tiers (or ?tier=a,b among them)");
        recipients.MapGet("/enterprises.xlsx", XlsxAsync).ProducesFile(XlsxContentType).WithSummary("The same list as an XLSX file (same rows and list hash as the JSON)");
        lists.MapGet("/pulls", PullsAsync)
            .WithSummary("Who pulled which list when, how many rows, and the list's hash (officers: pulls covering their region; the audit administrator: all)");
    }

    private static async Task<Results<Ok<SharedListView>, ProblemHttpResult>> JsonAsync(string? region, string? tier, HttpContext http, TiduDbContext db, RegionTree tree, TimeProvider clock, CancellationToken ct)
    {
        var pull = await PullAsync(region, tier, "json", http.User, db, tree, clock, ct).ConfigureAwait(false);
        if (pull.Problem is { } problem)
        {
            return problem;
        }
        var (log, rows) = (pull.Log!, pull.Rows!);
        return TypedResults.Ok(new SharedListView(log.At, log.RecipientKind, log.RegionCode, log.Tiers.Split(' '), log.Rows, log.ListHash, rows));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> XlsxAsync(string? region, string? tier, HttpContext http, TiduDbContext db, RegionTree tree, TimeProvider clock, CancellationToken ct)
    {
        var pull = await PullAsync(region, tier, "xlsx", http.User, db, tree, clock, ct).ConfigureAwait(false);
        if (pull.Problem is { } problem)
        {
            return problem;
        }
        var sheet = pull.Rows!.Select(r => new Dictionary<string, object?>
        {
            ["统一社会信用代码"] = r.CreditCode,
            ["企业名称"] = r.Name,
            ["行政区划代码"] = r.RegionCode,
            ["行业代码"] = r.IndustryCode,
            ["已认定梯度"] = string.Join("；", r.Recognitions.Select(x => Labels.Tier(x.Tier))),
            ["认定梯度代码"] = string.Join(",", r.Recognitions.Select(x => x.Tier)),
            ["有效期至"] = string.Join(",", r.Recognitions.Select(x => x.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")),
            ["符合条件梯度代码"] = string.Join(",", r.QualifiedTiers),
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "推送名单", cancellationToken: ct).ConfigureAwait(false);
        http.Response.Headers["X-List-Hash"] = pull.Log!.ListHash;
        return TypedResults.File(stream.ToArray(), XlsxContentType, $"list-{pull.Log.RegionCode}-{pull.Log.At:yyyyMMdd}.xlsx");
    }

    private sealed record Pull(ListPull? Log, IReadOnlyList<SharedListRow>? Rows, ProblemHttpResult? Problem);

    /// <summary>Checks the asked region and tiers against the key's scope, builds the list and logs the pull in one save.</summary>
    private static async Task<Pull> PullAsync(string? region, string? tier, string format, ClaimsPrincipal user, TiduDbContext db, RegionTree tree, TimeProvider clock,
        CancellationToken ct)
    {
        var keyRegion = user.FindFirstValue(TiduClaims.RegionCode)!;
        var keyTiers = (user.FindFirstValue(TiduClaims.ApiTiers) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kind = user.FindFirstValue(TiduClaims.RecipientKind)!;
        var listRegion = string.IsNullOrWhiteSpace(region) ? keyRegion : region.Trim();
        if (tree.Find(listRegion) is null || !tree.IsWithin(listRegion, keyRegion))
        {
            return new Pull(null, null, Forbidden("list.region-outside-key", $"region {listRegion} is outside the key's region {keyRegion}", "所请求的区域超出该密钥的授权区域"));
        }
        var asked = string.IsNullOrWhiteSpace(tier) ? keyTiers : tier.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (asked.Except(keyTiers, StringComparer.Ordinal).ToList() is { Count: > 0 } outside)
        {
            return new Pull(null, null, Forbidden("list.tier-outside-key", $"tier(s) {string.Join(", ", outside)} are outside the key's tiers ({string.Join(", ", keyTiers)})", "所请求的梯度超出该密钥的授权范围"));
        }
        if (asked.Length == 0)
        {
            return new Pull(null, null, Forbidden("list.key-without-tiers", "the key has no tiers: an administrator must add them", "该密钥未授权任何梯度"));
        }
        var now = clock.GetUtcNow();
        var rows = await SharedList.BuildAsync(db, kind, listRegion, asked.Distinct(StringComparer.Ordinal).ToList(), ChinaCalendar.Today(clock), ct).ConfigureAwait(false);
        var log = new ListPull
        {
            At = now,
            ApiKeyId = long.Parse(user.FindFirstValue(TiduClaims.ApiKeyId)!, CultureInfo.InvariantCulture),
            KeyName = user.Identity!.Name!["api-key:".Length..],
            RecipientKind = kind,
            RegionCode = listRegion,
            Tiers = string.Join(' ', asked),
            Format = format,
            Rows = rows.Count,
            ListHash = SharedList.Hash(rows),
        };
        db.ListPulls.Add(log);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Pull(log, rows, null);
    }

    // The same log as the pulls page (ListPulls): the access matrix's ListPull row decides how far it reaches.
    private static async Task<Ok<ListPullView[]>> PullsAsync(int? take, ListPulls pulls, CancellationToken ct) =>
        TypedResults.Ok((await pulls.RecentAsync(take, ct).ConfigureAwait(false))
            .Select(p => new ListPullView(p.Id, p.At, p.KeyName, p.ApiKeyId, p.RecipientKind, p.RegionCode, p.Tiers.Split(' '), p.Format, p.Rows, p.ListHash)).ToArray());

    private static ProblemHttpResult Forbidden(string code, string english, string chinese) => Refusal.Forbidden(code, chinese, english).ToProblem();
}

/// <summary>A pulled list (名单推送): when, for which kind of recipient, region and tiers, how many rows, the list's hash, and the enterprises.</summary>
public sealed record SharedListView(DateTimeOffset GeneratedAt, string RecipientKind, string Region, IReadOnlyList<string> Tiers, int Rows, string ListHash,
    IReadOnlyList<SharedListRow> Enterprises);

/// <summary>One pull of a list: when, by which key, for which recipient kind, region and tiers, in which format, how many rows, and the list's hash.</summary>
public sealed record ListPullView(long Id, DateTimeOffset At, string KeyName, long ApiKeyId, string RecipientKind, string RegionCode, IReadOnlyList<string> Tiers,
    string Format, int Rows, string ListHash);
