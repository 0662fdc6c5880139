using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Auditing;
using Tidu.Application.Screening;
using Tidu.Web.Adapters;

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

    // The same history as the file page (EnterpriseFiles): the file must be in the caller's scope, the entries as far as the access matrix shows them.
    private static async Task<Results<Ok<AuditRow[]>, ProblemHttpResult>> EnterpriseHistoryAsync(string creditCode, int? take, EnterpriseFiles files, CancellationToken ct) =>
        (await files.HistoryAsync(creditCode, take, ct).ConfigureAwait(false)).Answer(entries => TypedResults.Ok(entries.Select(h => Row(h.Entry)).ToArray()));

    // The same rule as the audit search page (AuditSearch): enterprise data is shown with its fields, never its values (三员分立).
    private static async Task<Ok<AuditRow[]>> EntityHistoryAsync(string entity, string? key, int? take, AuditSearch audit, CancellationToken ct) =>
        TypedResults.Ok((await audit.HistoryAsync(entity, key, take, ct).ConfigureAwait(false))
            .Select(h => h.ValuesWithheld ? Row(h.Entry) with { Before = null, After = null, WithheldFields = h.Fields } : Row(h.Entry)).ToArray());

    // The same check as the audit page's (AuditChainCheck).
    private static async Task<Ok<AuditVerification>> VerifyAsync(AuditChainCheck check, CancellationToken ct) =>
        TypedResults.Ok(await check.VerifyAsync(ct).ConfigureAwait(false));

    // Before and after as JSON objects, exactly as stored, not as strings to be parsed again by the caller.
    private static AuditRow Row(Data.Entities.AuditEntry a) => new(a.Id, a.Sequence, a.At, a.Actor, a.Action, a.Entity, a.EntityKey, a.CreditCode,
        a.Before is null ? null : JsonNode.Parse(a.Before), a.After is null ? null : JsonNode.Parse(a.After), a.RuleSetVersion, a.Hash, null);
}

/// <summary>
/// One audit entry: who changed what when, the values before and after, and its place in the hash chain. Enterprise
/// data read by the audit administrator carries no values: <see cref="WithheldFields"/> names the fields changed.
/// </summary>
public sealed record AuditRow(long Id, long? Sequence, DateTimeOffset At, string Actor, string Action, string Entity, string EntityKey, string? CreditCode,
    JsonNode? Before, JsonNode? After, string? RuleSetVersion, string? Hash, IReadOnlyList<string>? WithheldFields);
