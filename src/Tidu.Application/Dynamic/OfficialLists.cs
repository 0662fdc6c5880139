using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Rules;

namespace Tidu.Application.Dynamic;

/// <summary>An official list as the issuing authority published it: tier, issuer, document number, dates, the enterprises' credit codes.</summary>
public sealed record OfficialListEntry(string? Tier, string? Issuer, string? DocumentNumber, DateOnly? RecognizedOn, DateOnly? ValidUntil, IReadOnlyList<string>? CreditCodes);

/// <summary>An entered list (as recorded), how many recognitions it added or found already there, and the credit codes without a file.</summary>
public sealed record OfficialListEntered(OfficialRecognitionList List, int Added, int Unchanged, IReadOnlyList<string> Unknown);

/// <summary>
/// Entering an official list of recognitions (the other way a recognition comes onto the platform besides a round's
/// decision): a province officer enters the list as the issuing authority published it. The list itself is recorded
/// (audited, append-only) and each recognition it adds carries "official-list:文号" as its basis. Enterprises without a
/// file are named, not created. All of it is saved, or none.
/// </summary>
public sealed class OfficialLists(TiduDbContext db, EnterpriseRegistry registry, RuleLibrary rules, TimeProvider clock, IActorSource actors)
{
    /// <summary>Most enterprises one list may name (national lists of a year name a few thousand).</summary>
    public const int MaxCreditCodes = 20_000;

    public async Task<Outcome<OfficialListEntered>> EnterAsync(OfficialListEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Access.Require(actors.Current, AccessRight.ImportOfficialList) is { } forbidden)
        {
            return forbidden;
        }
        var (tier, issuer, document, codes, errors) = Validate(entry);
        if (errors.Count > 0)
        {
            return Refusal.Validation("official-list.invalid", "官方名单校验未通过：须有层级、发布机关、文号、认定日期和统一社会信用代码", "official list validation failed", errors);
        }
        var today = ChinaCalendar.Today(clock);
        var list = new OfficialRecognitionList
        {
            Tier = tier,
            Issuer = issuer,
            DocumentNumber = document,
            RecognizedOn = entry.RecognizedOn!.Value,
            ValidUntil = entry.ValidUntil,
            ImportedBy = db.Scope.Actor,
            ImportedAt = clock.GetUtcNow(),
            Listed = codes.Count,
            ListHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', codes.Order(StringComparer.Ordinal))))),
        };
        var unknown = new List<string>();
        int added = 0, unchanged = 0;
        db.RecognitionBasis = $"official-list:{document}";
        db.RuleSetVersion = registry.RuleVersions(today);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            unknown.Clear();
            added = unchanged = 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            foreach (var chunk in codes.Chunk(500))
            {
                var files = await registry.LoadAsync(chunk, ct).ConfigureAwait(false);
                foreach (var code in chunk)
                {
                    if (!files.TryGetValue(code, out var e))
                    {
                        unknown.Add(code);
                        continue;
                    }
                    if (e.Recognitions.Any(r => r.Tier == tier && r.RecognizedOn == list.RecognizedOn && r.ValidUntil == list.ValidUntil && r.Issuer == issuer))
                    {
                        unchanged++;
                        continue;
                    }
                    e.Recognitions.Add(new EnterpriseRecognition { Tier = tier, RecognizedOn = list.RecognizedOn, ValidUntil = list.ValidUntil, Issuer = issuer });
                    db.Entry(e).Property(x => x.UpdatedAt).IsModified = true;
                    registry.Reevaluate(e, today);
                    added++;
                }
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                db.ChangeTracker.Clear();
            }
            list.Added = added;
            db.OfficialRecognitionLists.Add(list);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new OfficialListEntered(list, added, unchanged, unknown);
    }

    private (string Tier, string Issuer, string Document, List<string> Codes, Dictionary<string, string[]> Errors) Validate(OfficialListEntry entry)
    {
        var errors = new Dictionary<string, string[]>();
        var tier = entry.Tier?.Trim() ?? "";
        if (!rules.Tiers.Any(t => t.Id == tier))
        {
            errors["tier"] = [$"unknown tier '{tier}': use a tier id of the rule files"];
        }
        var issuer = entry.Issuer?.Trim() ?? "";
        if (issuer.Length is 0 or > 200)
        {
            errors["issuer"] = ["the issuing authority (1 to 200 characters) is required"];
        }
        var document = entry.DocumentNumber?.Trim() ?? "";
        if (document.Length is 0 or > 100)
        {
            errors["documentNumber"] = ["the list's document number (1 to 100 characters) is required"];
        }
        if (entry.RecognizedOn is not { } on)
        {
            errors["recognizedOn"] = ["the day of recognition is required"];
        }
        else if (entry.ValidUntil is { } until && until < on)
        {
            errors["validUntil"] = ["the last valid day is before the day of recognition"];
        }
        var codes = (entry.CreditCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count is 0 or > MaxCreditCodes)
        {
            errors["creditCodes"] = [$"1 to {MaxCreditCodes} credit codes are required"];
        }
        else if (codes.FirstOrDefault(c => Domain.CreditCode.Validate(c) is not null) is { } invalid)
        {
            errors["creditCodes"] = [$"'{(invalid.Length > 40 ? invalid[..40] : invalid)}' is not a valid credit code"];
        }
        return (tier, issuer, document, codes, errors);
    }
}
