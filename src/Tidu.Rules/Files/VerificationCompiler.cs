using Tidu.Rules.Model;

namespace Tidu.Rules.Files;

/// <summary>
/// Checks and compiles a <c>verification</c> record. A record that says "verified" must say when, by which reading and
/// against at least one original or full-text reprint; a value compared only with a secondary source is unverified.
/// An absent record is <see cref="Verification.NotRecorded"/> (unverified); the shipped files must all have one.
/// </summary>
internal static class VerificationCompiler
{
    public static Verification Compile(VerificationDto? dto, string file, List<RuleLoadError> errors, bool allowValues = true)
    {
        if (dto is null)
        {
            return Verification.NotRecorded;
        }
        var values = new Dictionary<string, Verification>(StringComparer.Ordinal);
        if (dto.Values is { } list)
        {
            if (!allowValues)
            {
                errors.Add(new RuleLoadError(file, dto.Line, "a per-value verification record cannot list values of its own"));
            }
            foreach (var v in list)
            {
                if (string.IsNullOrWhiteSpace(v.Id))
                {
                    errors.Add(new RuleLoadError(file, v.Line, "a per-value verification record needs the 'id' of the value"));
                    continue;
                }
                if (!values.TryAdd(v.Id, Compile(v, file, errors, allowValues: false)))
                {
                    errors.Add(new RuleLoadError(file, v.Line, $"verification of '{v.Id}' is recorded twice"));
                }
            }
        }
        var status = dto.Status switch
        {
            "verified" => VerificationStatus.Verified,
            "unverified" => VerificationStatus.Unverified,
            _ => (VerificationStatus?)null,
        };
        if (status is null)
        {
            errors.Add(new RuleLoadError(file, dto.Line, $"verification 'status' must be verified or unverified, got '{dto.Status}'"));
        }
        DateOnly? on = null;
        if (dto.On is { } text)
        {
            if (IsoDate.TryParse(text, out var d))
            {
                on = d;
            }
            else
            {
                errors.Add(new RuleLoadError(file, dto.Line, $"verification 'on' must be an ISO date (YYYY-MM-DD), got '{text}'"));
            }
        }
        var against = new List<SourceCheck>();
        foreach (var a in dto.Against ?? [])
        {
            var copy = a.Copy switch
            {
                "primary" => CopyKind.Primary,
                "reprint" => CopyKind.Reprint,
                "secondary" => CopyKind.Secondary,
                _ => (CopyKind?)null,
            };
            if (string.IsNullOrWhiteSpace(a.Document) || string.IsNullOrWhiteSpace(a.Where) || copy is null)
            {
                errors.Add(new RuleLoadError(file, a.Line, "each text compared with needs 'document', 'where' and 'copy' (primary, reprint or secondary)"));
                continue;
            }
            against.Add(new SourceCheck(a.Document, a.Article, copy.Value, a.Where));
        }
        if (status == VerificationStatus.Verified)
        {
            if (on is null || string.IsNullOrWhiteSpace(dto.By))
            {
                errors.Add(new RuleLoadError(file, dto.Line, "a verified record needs 'on' (the day) and 'by' (the reading)"));
            }
            if (!against.Any(a => a.Copy != CopyKind.Secondary))
            {
                errors.Add(new RuleLoadError(file, dto.Line, "a verified record needs at least one original (primary) or full-text reprint in 'against'; a secondary source alone leaves the value unverified"));
            }
        }
        else if (status == VerificationStatus.Unverified && string.IsNullOrWhiteSpace(dto.Note))
        {
            errors.Add(new RuleLoadError(file, dto.Line, "an unverified record needs a 'note' saying why (what is missing)"));
        }
        return new Verification(status ?? VerificationStatus.Unverified, on, dto.By, against, dto.Note, values);
    }
}
