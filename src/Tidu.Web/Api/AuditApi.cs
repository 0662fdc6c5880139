using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;

namespace Tidu.Web.Api;

/// <summary>
/// Reading the audit trail back: an enterprise's history with the values before and after each change (officers
/// within their region, administrators), any entity's history and the hash-chain check (administrators).
/// </summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("audit");
        api.MapGet("/enterprises/{creditCode}/audit", EnterpriseHistoryAsync)
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
        return Results.Ok(entries.Select(Row));
    }

    private static async Task<IResult> EntityHistoryAsync(string entity, string? key, int? take, TiduDbContext db, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity);
        if (key is not null)
        {
            query = query.Where(a => a.EntityKey == key);
        }
        var entries = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? 200, 1, 1000)).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(entries.Select(Row));
    }

    private static async Task<IResult> VerifyAsync(TiduDbContext db, AuditHashing hashing, Microsoft.Extensions.Options.IOptions<Auditing.AuditOptions> options,
        IHostEnvironment host, CancellationToken ct)
    {
        // The anchors written by this node (other nodes' anchor files are checked with `tidu audit verify --anchors`).
        var path = Auditing.AuditSetup.AnchorPath(options.Value, host.ContentRootPath);
        var (anchors, problems) = File.Exists(path) ? AuditAnchors.Read(path) : ([], []);
        var report = await AuditChainVerifier.VerifyAsync(db, hashing, anchors, ct).ConfigureAwait(false);
        return Results.Ok(new
        {
            intact = report.Intact && problems.Count == 0,
            anchors = report.Anchors,
            anchorProblems = problems,
            verified = report.Verified,
            unchained = report.Unchained,
            headSequence = report.HeadSequence,
            headHash = report.HeadHash,
            firstBreak = report.FirstBreak is { } b ? new { entryId = b.EntryId, sequence = b.Sequence, check = b.Check, expected = b.Expected, actual = b.Actual } : null,
        });
    }

    // Before and after as JSON objects, exactly as stored, not as strings to be parsed again by the caller.
    private static object Row(Data.Entities.AuditEntry a) => new
    {
        id = a.Id,
        sequence = a.Sequence,
        at = a.At,
        actor = a.Actor,
        action = a.Action,
        entity = a.Entity,
        entityKey = a.EntityKey,
        creditCode = a.CreditCode,
        before = a.Before is null ? null : JsonNode.Parse(a.Before),
        after = a.After is null ? null : JsonNode.Parse(a.After),
        ruleSetVersion = a.RuleSetVersion,
        hash = a.Hash,
    };
}
