using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;
using Tidu.Application.Sharing;
using Tidu.Data.Identity;
using Tidu.Web.Adapters;
using Tidu.Web.Api;
using Tidu.Web.Security;

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

    private static async Task<Results<Ok<SharedListView>, ProblemHttpResult>> JsonAsync(string? region, string? tier, HttpContext http, ListPulls pulls, CancellationToken ct) =>
        (await pulls.PullAsync(ListKey.Of(http.User), region, tier, "json", ct).ConfigureAwait(false)).Answer(pull => TypedResults.Ok(
            new SharedListView(pull.Log.At, pull.Log.RecipientKind, pull.Log.RegionCode, pull.Log.Tiers.Split(' '), pull.Log.Rows, pull.Log.ListHash, pull.Rows)));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> XlsxAsync(string? region, string? tier, HttpContext http, ListPulls pulls, CancellationToken ct)
    {
        var pull = await pulls.PullAsync(ListKey.Of(http.User), region, tier, "xlsx", ct).ConfigureAwait(false);
        if (pull.Refusal is { } refused)
        {
            return refused.ToProblem();
        }
        var (log, rows) = (pull.Value!.Log, pull.Value.Rows);
        var sheet = rows.Select(r => new Dictionary<string, object?>
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
        http.Response.Headers["X-List-Hash"] = log.ListHash;
        return TypedResults.File(stream.ToArray(), XlsxContentType, $"list-{log.RegionCode}-{log.At:yyyyMMdd}.xlsx");
    }

    // The same log as the pulls page (ListPulls): the access matrix's ListPull row decides how far it reaches.
    private static async Task<Ok<ListPullView[]>> PullsAsync(int? take, ListPulls pulls, CancellationToken ct) =>
        TypedResults.Ok((await pulls.RecentAsync(take, ct).ConfigureAwait(false))
            .Select(p => new ListPullView(p.Id, p.At, p.KeyName, p.ApiKeyId, p.RecipientKind, p.RegionCode, p.Tiers.Split(' '), p.Format, p.Rows, p.ListHash)).ToArray());
}

/// <summary>A pulled list (名单推送): when, for which kind of recipient, region and tiers, how many rows, the list's hash, and the enterprises.</summary>
public sealed record SharedListView(DateTimeOffset GeneratedAt, string RecipientKind, string Region, IReadOnlyList<string> Tiers, int Rows, string ListHash,
    IReadOnlyList<SharedListRow> Enterprises);

/// <summary>One pull of a list: when, by which key, for which recipient kind, region and tiers, in which format, how many rows, and the list's hash.</summary>
public sealed record ListPullView(long Id, DateTimeOffset At, string KeyName, long ApiKeyId, string RecipientKind, string RegionCode, IReadOnlyList<string> Tiers,
    string Format, int Rows, string ListHash);
