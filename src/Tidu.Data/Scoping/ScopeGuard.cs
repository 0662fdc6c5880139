using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tidu.Data.Entities;

namespace Tidu.Data.Scoping;

/// <summary>Refuses a save that would touch an enterprise (or a row of one) outside the actor's scope.</summary>
internal static class ScopeGuard
{
    public static void Check(TiduDbContext db, IReadOnlyList<EntityEntry> entries, RegionScope scope)
    {
        foreach (var entry in entries.Where(e => e.Entity is EnterpriseRecognition))
        {
            // Whatever the actor's scope: recognitions come from the procedure or an official list, never from data entry.
            if (db.RecognitionBasis is null)
            {
                throw new RecognitionBasisMissingException($"{scope.Actor} may not {entry.State.ToString().ToLowerInvariant()} a recognition by editing a file: recognitions come from a round's decision or an official list");
            }
            if (entry.State == EntityState.Added && entry.Entity is EnterpriseRecognition { Basis: null } added)
            {
                added.Basis = db.RecognitionBasis;
            }
        }
        if (scope.All)
        {
            return;
        }
        var tracked = Auditing.AuditWriter.TrackedEnterprises(db);
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Enterprise e:
                    Require(scope.Contains(e), e.CreditCode, scope);
                    if (entry.State == EntityState.Modified)
                    {
                        // Moving a file out of (or into) the region is a write to the other region too.
                        var original = new Enterprise
                        {
                            CreditCode = (string)entry.OriginalValues[nameof(Enterprise.CreditCode)]!,
                            Name = e.Name,
                            RegionCode = (string)entry.OriginalValues[nameof(Enterprise.RegionCode)]!,
                            ProvinceCode = (string)entry.OriginalValues[nameof(Enterprise.ProvinceCode)]!,
                            CityCode = (string?)entry.OriginalValues[nameof(Enterprise.CityCode)],
                            IndustryCode = e.IndustryCode,
                            Attributes = e.Attributes,
                        };
                        Require(scope.Contains(original), original.CreditCode, scope);
                    }
                    break;
                case Entities.Workflow.ExpertAssignment x when scope.ExpertId is not null:
                    // An expert declares and scores on their own assignments; they never create or remove one.
                    if (entry.State != EntityState.Modified || x.ExpertId != scope.ExpertId)
                    {
                        throw new RegionScopeViolationException($"{scope.Actor} may only declare and score on their own expert assignments");
                    }
                    break;
                case EnterpriseFinancialYear or EnterpriseRecognition or EnterpriseHonor or TierOutcome or DatedTierOutcome or Entities.Workflow.Application
                    or Entities.Workflow.ExpertAssignment or Entities.Workflow.ApplicationMaterial or Entities.Workflow.ApplicationDeclaration
                    or Entities.Workflow.VerifiedValue or Entities.Sharing.SharingConsent
                    or Entities.Service.CommissionerAssignment or Entities.Service.EnterpriseRequest or Entities.Service.Visit
                    or Entities.Dynamic.RecognitionReview or Entities.Dynamic.PoolMembership:
                    var id = (long)entry.Property("EnterpriseId").CurrentValue!;
                    var owner = tracked.GetValueOrDefault(id) ?? db.Enterprises.FirstOrDefault(e => e.Id == id);
                    Require(owner is not null && scope.Contains(owner), owner?.CreditCode ?? $"#{id}", scope);
                    break;
                case Entities.Service.RequestEntry re:
                    // An entry is written through its request, loaded in scope; a request outside scope cannot be loaded.
                    var request = re.Request ?? db.EnterpriseRequests.FirstOrDefault(r => r.Id == re.RequestId);
                    Require(request is not null, $"request #{re.RequestId}", scope);
                    break;
                case Entities.Dynamic.Notification { EnterpriseId: { } about }:
                    var subject = tracked.GetValueOrDefault(about) ?? db.Enterprises.FirstOrDefault(e => e.Id == about);
                    Require(subject is not null && scope.Contains(subject), subject?.CreditCode ?? $"#{about}", scope);
                    break;
                case Entities.Dynamic.NotificationEmail when !scope.All:
                    // Only the system's dispatcher delivers e-mail; no user queues or marks a delivery.
                    throw new RegionScopeViolationException($"{scope.Actor} may not record e-mail deliveries: only the system dispatcher does");
                case Entities.AuditEntry:
                    break;
                default:
                    // Users, roles, keys and regions are managed by administrators; the web layer checks the role.
                    break;
            }
        }
    }

    private static void Require(bool allowed, string creditCode, RegionScope scope)
    {
        if (!allowed)
        {
            throw new RegionScopeViolationException($"{scope.Actor} may not change enterprise {creditCode}: it is outside their region scope");
        }
    }
}
