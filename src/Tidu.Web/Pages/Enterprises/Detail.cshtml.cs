using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Screening;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Policies;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>
/// One enterprise's file (一企一档), in two separate facts: what the file holds (its recognitions, each with its
/// validity and re-review period) and what today's data would earn (every tier with every check, its citation and the
/// gap); then what it can claim and the change history (<see cref="EnterpriseFiles"/>; the history is the same as GET
/// /api/v1/enterprises/{creditCode}/audit). Another region's enterprise is "not found": the database never returns it
/// to this user.
/// </summary>
public sealed class DetailModel(EnterpriseFiles files, RegionTree tree) : PageModel
{
    /// <summary>How many history entries the page shows (newest first).</summary>
    public const int HistoryShown = 50;

    /// <summary>One line of the change history, in Chinese: when, which office or job, what.</summary>
    public sealed record HistoryLine(DateTimeOffset At, string Who, string What, string RuleVersions);

    public Enterprise Enterprise { get; private set; } = null!;
    public EnterpriseEvaluation Evaluation { get; private set; } = null!;
    public IReadOnlyList<HeldRecognition> Held { get; private set; } = [];
    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>Gap per tier not met, verified by re-evaluation before it is shown.</summary>
    public IReadOnlyDictionary<string, GapResult> Gaps { get; private set; } = new Dictionary<string, GapResult>();

    /// <summary>What the file can claim today under the policy rule files (the same as GET /api/v1/enterprises/{code}/awards).</summary>
    public EnterpriseAwards Awards { get; private set; } = null!;

    /// <summary>The fiscal year of each financials entry, so a missing figure reads "2025年 研发费用".</summary>
    public Func<int, int?> YearAt { get; private set; } = _ => null;

    public string RegionName => tree.Find(Enterprise.RegionCode)?.Name ?? Enterprise.RegionCode;

    /// <summary>The enterprise's own user: may correct its declared data and see its own materials.</summary>
    public bool IsOwnFile => User.IsInRole(Roles.Enterprise);

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        if ((await files.ReadAsync(creditCode, ct).ConfigureAwait(false)).Value is not { } file)
        {
            return NotFound();
        }
        (Enterprise, Evaluation, Gaps, Awards, Held) = (file.Enterprise, file.Evaluation, file.Gaps, file.Awards, file.Held);
        YearAt = FieldNames.YearsOf(file.Profile);
        History = [.. ((await files.HistoryAsync(creditCode, HistoryShown, ct).ConfigureAwait(false)).Value ?? [])
            .Select(h => new HistoryLine(h.Entry.At, h.Office, $"{AuditNames.Action(h.Entry.Action)} {AuditNames.Subject(h.Entry.Entity, h.Entry.EntityKey)}",
                DisplayNames.RuleVersions(h.Entry.RuleSetVersion, code => tree.Find(code)?.Name)))];
        return Page();
    }

    /// <summary>The recognising authority: a region code or "national" in files, a name on the page.</summary>
    public string IssuerName(string? issuer) => issuer switch
    {
        null or "" => "—",
        "national" => "工业和信息化部",
        _ => tree.Find(issuer)?.Name ?? issuer,
    };

    public static string Show(object? value) => value switch
    {
        System.Text.Json.Nodes.JsonNode n => ValueText.Of(n),
        _ => DisplayNames.Value(value),
    };

    public static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
