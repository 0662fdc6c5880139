using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tidu.Data.Entities;

namespace Tidu.Data.Auditing;

/// <summary>Turns the pending changes into audit entries saved in the same transaction as the changes.</summary>
internal static class AuditWriter
{
    // Secrets never enter the audit trail; the audit records that they changed, not their value.
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash",
    };

    // Chinese stays readable in the stored JSON ("杭州", not "\u676D\u5DDE"), and so do "+" and "<": the trail is read
    // back by people. The relaxed encoder is safe here because the JSON is stored and served as data; pages that show
    // it encode it like any other text. Characters beyond the Basic Multilingual Plane are still escaped (rare in names).
    private static readonly JsonSerializerOptions Readable = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Append(TiduDbContext db, IReadOnlyList<EntityEntry> entries, string actor, DateTimeOffset now, string? ruleSetVersion)
    {
        var creditCodes = TrackedEnterprises(db);
        var keyLimit = db.Model.FindEntityType(typeof(AuditEntry))?.FindProperty(nameof(AuditEntry.EntityKey))?.GetMaxLength() ?? int.MaxValue;
        foreach (var entry in entries)
        {
            if (entry.Entity is TierOutcome or DatedTierOutcome or EvaluationSummary)
            {
                continue; // derived from audited inputs and the rule version; re-evaluation is reproducible
            }
            if (entry.Entity is Entities.Dynamic.Notification or Entities.Dynamic.NotificationRead or Entities.Dynamic.NotificationEmail)
            {
                continue; // messages about audited steps (and their delivery), not steps themselves
            }
            if (entry.Entity is Entities.Importing.ImportJobRecord or Entities.Importing.ImportJobContent or Entities.Importing.ImportJobIssue)
            {
                continue; // an import's progress and report; the files it writes are audited one by one
            }
            if (entry.Entity is Entities.Security.SignInFailure)
            {
                continue; // a counter of failures the security log records one by one
            }
            if (entry.Entity is Entities.Dynamic.RecognitionReview && entry.State != EntityState.Added)
            {
                throw new AuditTrailViolationException("re-review decisions cannot be changed or deleted");
            }
            if (entry.Entity is Entities.Dynamic.OfficialRecognitionList && entry.State != EntityState.Added)
            {
                throw new AuditTrailViolationException("official recognition lists cannot be changed or deleted");
            }
            if (entry.Entity is Entities.Workflow.ApplicationDecision && entry.State != EntityState.Added)
            {
                throw new AuditTrailViolationException("application decisions cannot be changed or deleted");
            }
            if (entry.Entity is Entities.Service.RequestEntry && entry.State != EntityState.Added)
            {
                throw new AuditTrailViolationException("request entries cannot be changed or deleted");
            }
            if (entry.Entity is AuditEntry)
            {
                if (entry.State != EntityState.Added)
                {
                    throw new AuditTrailViolationException("audit entries cannot be changed or deleted");
                }
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => "insert",
                EntityState.Deleted => "delete",
                _ => "update",
            };
            var (before, after) = Values(entry);
            if (action == "update" && before.Count == 0)
            {
                continue; // nothing really changed: re-importing the same data leaves no trace
            }
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = actor,
                Action = action,
                Entity = entry.Metadata.ClrType.Name,
                // A natural key built from long names is cut to the column, never refused: the values are in Before/After.
                EntityKey = Key(entry) is var key && key.Length > keyLimit ? key[..keyLimit] : key,
                CreditCode = CreditCodeOf(entry, creditCodes),
                Before = entry.State == EntityState.Added ? null : before.ToJsonString(Readable),
                After = entry.State == EntityState.Deleted ? null : after.ToJsonString(Readable),
                RuleSetVersion = ruleSetVersion,
            });
        }
    }

    private static (JsonObject Before, JsonObject After) Values(EntityEntry entry)
    {
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            var changed = entry.State != EntityState.Modified || (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue));
            if (!changed || (entry.State == EntityState.Modified && name == nameof(Enterprise.Revision)))
            {
                continue;
            }
            if (name == nameof(Enterprise.UpdatedAt) && entry.State == EntityState.Modified)
            {
                continue;
            }
            before[name] = Node(entry.Metadata.ClrType, name, p.OriginalValue);
            after[name] = Node(entry.Metadata.ClrType, name, p.CurrentValue);
        }
        return (before, after);
    }

    // Columns kept encrypted at rest are not copied into the trail in plaintext: the trail records that they changed.
    private static readonly HashSet<(Type, string)> Protected =
        [.. Cryptography.SensitiveFields.All.Select(f => (f.Entity, f.Property))];

    private static JsonNode? Node(Type entity, string name, object? value) =>
        value is null ? null
        : Redacted.Contains(name) ? JsonValue.Create("(redacted)")
        : Protected.Contains((entity, name)) ? JsonValue.Create("(protected)")
        : JsonSerializer.SerializeToNode(value);

    // Natural keys: database ids of new rows are not known before the save, and a reader wants "2024", not "17".
    private static string Key(EntityEntry entry) => entry.Entity switch
    {
        Enterprise e => e.CreditCode,
        EnterpriseFinancialYear f => f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EnterpriseRecognition r => $"{r.Tier}@{r.RecognizedOn:yyyy-MM-dd}",
        EnterpriseHonor h => h.Kind,
        // Workflow rows are new in the same save as their audit entry: their database ids are not known yet.
        Entities.Workflow.Round r => $"{r.Tier}@{r.RegionCode}:{r.OpensOn:yyyy-MM-dd}",
        Entities.Workflow.RoundQuota q => $"round:{q.RoundId}:{q.CityCode}",
        Entities.Workflow.Application a => $"round:{a.RoundId}",
        Entities.Workflow.ApplicationDecision d => $"round:{d.Application?.RoundId}:{d.Level}:{d.Decision}",
        Entities.Sharing.SharingConsent c => $"{c.RecipientKind}@{c.GivenAt:O}",
        Entities.Sharing.ListPull p => $"{p.KeyName}@{p.At:O}",
        Entities.Service.CommissionerAssignment c => $"{c.Commissioner}@{c.AssignedAt:O}",
        Entities.Service.EnterpriseRequest q => $"request:{q.SubmittedAt:O}",
        Entities.Service.RequestEntry re => $"request:{re.Request?.SubmittedAt:O}:{re.Kind}@{re.At:O}",
        Entities.Service.Visit v => $"visit:{v.Commissioner}@{v.VisitedOn:yyyy-MM-dd}",
        Entities.Dynamic.RecognitionReview v => $"{v.Tier}@{v.Recognition?.RecognizedOn:yyyy-MM-dd}:{v.Decision}",
        Entities.Dynamic.PoolMembership m => $"{m.Tier}:{m.Pool}@{m.EnteredOn:yyyy-MM-dd}",
        Entities.Monitoring.OfficialRecognitionCount o => $"{o.Tier}:{o.Year}:{o.Batch}:{o.Kind}:{o.CityCode}",
        Entities.Security.DataProtectionKey k => k.FriendlyName,
        _ => string.Join(':', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString() ?? "")),
    };

    /// <summary>
    /// Credit codes of the tracked enterprises by id (temporary ids for new ones, which their new rows share), built
    /// once per save: looking each row's enterprise up in DbSet.Local would re-run change detection per row.
    /// </summary>
    internal static Dictionary<long, Enterprise> TrackedEnterprises(TiduDbContext db)
    {
        var result = new Dictionary<long, Enterprise>();
        foreach (var e in db.ChangeTracker.Entries<Enterprise>())
        {
            result[(long)e.Property(nameof(Enterprise.Id)).CurrentValue!] = e.Entity;
        }
        return result;
    }

    private static string? CreditCodeOf(EntityEntry entry, Dictionary<long, Enterprise> enterprises)
    {
        if (entry.Entity is Enterprise e)
        {
            return e.CreditCode;
        }
        if (entry.Entity is Entities.Service.RequestEntry re)
        {
            return re.Request?.Enterprise?.CreditCode ?? (re.Request is { } r ? enterprises.GetValueOrDefault(r.EnterpriseId)?.CreditCode : null);
        }
        if (entry.Metadata.FindProperty("EnterpriseId") is null)
        {
            return null;
        }
        var id = (long)entry.Property("EnterpriseId").CurrentValue!;
        return enterprises.GetValueOrDefault(id)?.CreditCode;
    }
}
