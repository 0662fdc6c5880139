using Tidu.Rules.Files;
using Tidu.Rules.Model;

namespace Tidu.Rules.Service;

/// <summary>Checks what YAML cannot in a service file: required keys and citations, dated versions (as tier rules), levels and tiers.</summary>
internal sealed class ServiceCompiler(string file, List<RuleLoadError> errors, IReadOnlySet<string>? knownTiers)
{
    private static readonly IReadOnlyDictionary<string, RuleSet<ConditionsVersion>> NoIncludes = new Dictionary<string, RuleSet<ConditionsVersion>>();

    private void Error(int line, string message) => errors.Add(new RuleLoadError(file, line, message));

    public CommissionerDocument? Document(ServiceFileDto dto)
    {
        var before = errors.Count;
        Header(dto, requireJurisdiction: true);
        if (dto.Categories is not null)
        {
            Error(dto.Line, "'categories' belongs in the request-categories file");
        }
        // The tier compiler checks version ids, dates, citations, order, gaps and overlaps.
        var rules = new RuleCompiler(file, errors, NoIncludes);
        var asRuleFile = new RuleFileDto
        {
            Line = dto.Line,
            Id = dto.Id,
            Versions = dto.Versions?.Select(v => new VersionDto { Line = v.Line, Id = v.Id, EffectiveFrom = v.EffectiveFrom, EffectiveTo = v.EffectiveTo, Cite = v.Cite, Note = v.Note, Verification = v.Verification }).ToList(),
        };
        var versions = rules.Versions(asRuleFile) ?? [];
        var compiled = new List<CommissionerVersion>();
        foreach (var (info, mapped) in versions)
        {
            var versionDto = dto.Versions![asRuleFile.Versions!.IndexOf(mapped)];
            if (versionDto.Assignments is not { Count: > 0 } assignments)
            {
                Error(versionDto.Line, $"version '{info.VersionId}' needs 'assignments'");
                continue;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var clauses = new List<CommissionerClause>();
            foreach (var a in assignments)
            {
                if (a.Id is not null && !ids.Add(a.Id))
                {
                    Error(a.Line, $"assignment id '{a.Id}' is used twice in this version");
                }
                if (Clause(a, dto.Id ?? "", info) is { } clause)
                {
                    clauses.Add(clause);
                }
            }
            compiled.Add(new CommissionerVersion(info, clauses));
        }
        return errors.Count > before ? null
            : new CommissionerDocument(dto.Id!, dto.Title!, dto.Jurisdiction!, file, dto.Source?.Number, dto.Source?.Title, compiled);
    }

    private CommissionerClause? Clause(AssignmentDto a, string documentId, RuleVersionInfo version)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(a.Id) || string.IsNullOrWhiteSpace(a.Title))
        {
            Error(a.Line, "an assignment needs an 'id' and a Chinese 'title'");
        }
        if (string.IsNullOrWhiteSpace(a.Cite))
        {
            Error(a.Line, $"assignment '{a.Id}' has no citation ('cite')");
        }
        if (a.Level is null || !ServiceRules.Levels.Contains(a.Level))
        {
            Error(a.Line, $"'level' must be one of {string.Join(", ", ServiceRules.Levels)}, got '{a.Level}'");
        }
        if (a.Tiers is not { Count: > 0 })
        {
            Error(a.Line, $"assignment '{a.Id}' needs 'tiers' (the recognitions it covers)");
        }
        foreach (var t in a.Tiers ?? [])
        {
            if (knownTiers is not null && !knownTiers.Contains(t))
            {
                Error(a.Line, $"unknown tier '{t}'");
            }
        }
        return errors.Count > before ? null
            : new CommissionerClause(a.Id!, a.Title!, a.Level!, a.Tiers!, a.Cite!, a.Note, documentId, version.VersionId);
    }

    public List<RequestCategory> Categories(ServiceFileDto dto)
    {
        Header(dto, requireJurisdiction: false);
        if (dto.Versions is not null || dto.Jurisdiction is not null)
        {
            Error(dto.Line, "request categories have no 'versions' or 'jurisdiction'");
        }
        var result = new List<RequestCategory>();
        if (dto.Categories is not { Count: > 0 })
        {
            Error(dto.Line, "'categories' is required and must not be empty");
        }
        foreach (var c in dto.Categories ?? [])
        {
            if (string.IsNullOrWhiteSpace(c.Id) || string.IsNullOrWhiteSpace(c.Title) || string.IsNullOrWhiteSpace(c.Cite))
            {
                Error(c.Line, "a category needs 'id', a Chinese 'title' and 'cite'");
                continue;
            }
            if (result.Any(x => x.Id == c.Id))
            {
                Error(c.Line, $"category '{c.Id}' is defined twice");
                continue;
            }
            result.Add(new RequestCategory(c.Id, c.Title, c.Cite));
        }
        return result;
    }

    private void Header(ServiceFileDto dto, bool requireJurisdiction)
    {
        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            Error(dto.Line, "'id' is required");
        }
        else if (Path.GetFileNameWithoutExtension(file) != dto.Id)
        {
            Error(dto.Line, $"the file name must be the id ('{dto.Id}.yaml')");
        }
        if (string.IsNullOrWhiteSpace(dto.Title))
        {
            Error(dto.Line, "'title' is required");
        }
        if (requireJurisdiction && (dto.Jurisdiction is not { } j || !(j == "national" || j.Length is 2 or 4 or 6 && j.All(char.IsAsciiDigit))))
        {
            Error(dto.Line, $"'jurisdiction' must be national or a region code (2, 4 or 6 digits), got '{dto.Jurisdiction}'");
        }
        if (dto.Source is null || string.IsNullOrWhiteSpace(dto.Source.Title))
        {
            Error(dto.Line, "'source' with the legal source's title is required");
        }
    }
}
