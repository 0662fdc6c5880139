using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;

namespace Tidu.Web.Api;

/// <summary>
/// Reading the audit trail back: an enterprise's history with the values before and after each change (officers
/// within their region), any entity's history and the hash-chain check (the audit administrator).
/// </summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("audit");
        api.MapGet("/enterprises/{creditCode}/audit", EnterpriseHistoryAsync).Produces<AuditRow[]>()
            .WithSummary("An enterprise's audit history, newest first, with the values before and after each change");
        api.MapGet("/audit", EntityHistoryAsync)
            .WithSummary("Audit history of any entity by its name and key (e.g. entity=ApiKey&key=3), newest first");
        api.MapGet("/audit/verify", VerifyAsync)
            .WithSummary("Walks the audit hash chain; the first entry changed, removed or moved, if any");
    }

    private static async Task<IResult> EnterpriseHistoryAsync(string creditCode, int? take, HttpContext http, EnterpriseRegistry registry, TiduDbContext db, CancellationToken ct)
    {
        // The file must be visible in the caller's scope; the audit table itself is not region-filtered.
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return Results.Problem(title: "未找到该企业（或不在您的管辖区域内）", detail: $"no enterprise {creditCode} in the caller's region scope", statusCode: StatusCodes.Status404NotFound);
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.CreditCode == e.CreditCode)
            .Visible(AccessMatrix.History(AccessMatrix.KindOf(http.User)))
            .OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? 200, 1, 1000)).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(entries.Select(Row).ToArray());
    }

    private static async Task<Ok<AuditRow[]>> EntityHistoryAsync(string entity, string? key, int? take, TiduDbContext db, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity);
        if (key is not null)
        {
            query = query.Where(a => a.EntityKey == key);
        }
        var entries = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? 200, 1, 1000)).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(entries.Select(Row).ToArray());
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(TiduDbContext db, AuditHashing hashing, Microsoft.Extensions.Options.IOptions<Auditing.AuditOptions> options,
        IHostEnvironment host, CancellationToken ct)
    {
        var (anchors, problems) = Auditing.AuditSetup.NodeAnchors(options.Value, host.ContentRootPath);
        var report = await AuditChainVerifier.VerifyAsync(db, hashing, anchors, ct).ConfigureAwait(false);
        return TypedResults.Ok(new AuditVerification(report.Intact && problems.Count == 0, report.Anchors, problems, report.Verified, report.Unchained,
            report.HeadSequence, report.HeadHash, report.FirstBreak));
    }

    // Before and after as JSON objects, exactly as stored, not as strings to be parsed again by the caller.
    private static AuditRow Row(Data.Entities.AuditEntry a) => new(a.Id, a.Sequence, a.At, a.Actor, a.Action, a.Entity, a.EntityKey, a.CreditCode,
        a.Before is null ? null : JsonNode.Parse(a.Before), a.After is null ? null : JsonNode.Parse(a.After), a.RuleSetVersion, a.Hash);
}

/// <summary>One audit entry: who changed what when, the values before and after, and its place in the hash chain.</summary>
public sealed record AuditRow(long Id, long? Sequence, DateTimeOffset At, string Actor, string Action, string Entity, string EntityKey, string? CreditCode,
    JsonNode? Before, JsonNode? After, string? RuleSetVersion, string? Hash);

/// <summary>
/// The audit chain's check: intact or not (the chain and this node's anchors), how many entries were verified, the head,
/// and the first entry changed, removed or moved.
/// </summary>
public sealed record AuditVerification(bool Intact, int Anchors, IReadOnlyList<string> AnchorProblems, long Verified, long Unchained, long HeadSequence,
    string HeadHash, AuditChainBreak? FirstBreak);
