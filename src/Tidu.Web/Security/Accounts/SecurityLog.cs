using System.Text.Json.Nodes;
using Tidu.Data;
using Tidu.Data.Auditing;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Records a security event (<see cref="SecurityEvents"/>) for the current request: who (the signed-in user, or the
/// given actor), when (the platform clock), from where (the client address, through the trusted proxy) and the outcome.
/// </summary>
public sealed class SecurityLog(TiduDbContext db, IHttpContextAccessor http, TimeProvider clock) : Tidu.Application.Auditing.ISecurityEvents
{
    /// <summary>The client's address as the platform sees it (the forwarded one when it comes through a trusted proxy).</summary>
    public string Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Adds the event to the request's context without saving: it goes into the trail with the caller's changes.</summary>
    public void Add(string kind, string subject, string outcome = SecurityEvents.Success, JsonObject? details = null, string? actor = null) =>
        SecurityEvents.Record(db, kind, subject, outcome, Address, details, clock.GetUtcNow(), actor);

    /// <summary>Adds the event and saves it (with whatever else the context holds).</summary>
    public async Task RecordAsync(string kind, string subject, string outcome = SecurityEvents.Success, JsonObject? details = null, string? actor = null, CancellationToken ct = default)
    {
        Add(kind, subject, outcome, details, actor);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
