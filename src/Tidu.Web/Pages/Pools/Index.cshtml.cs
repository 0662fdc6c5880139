using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application;
using Tidu.Application.Dynamic;
using Tidu.Application.Screening;
using Tidu.Rules;

namespace Tidu.Web.Pages.Pools;

/// <summary>
/// An officer's cultivation pools of one tier: current members (taken out with a reason) and screening's reserve
/// proposals (near misses, accepted into the reserve pool). Every call is <see cref="Application.Dynamic.Pools"/>'s, as
/// for /api/v1/pools: a refusal there (a blank reason, a code that is not a proposal, an administrator) is the page's message.
/// </summary>
public sealed class IndexModel(Application.Dynamic.Pools pools, RuleLibrary rules) : PageModel
{
    /// <summary>How many proposals the page lists.</summary>
    public const int ProposalsShown = 200;

    [BindProperty(SupportsGet = true)] public string Tier { get; set; } = "specialized-sme";

    public IReadOnlyList<(string Id, string Title)> Tiers { get; private set; } = [];
    public IReadOnlyList<PoolStay> Members { get; private set; } = [];
    public IReadOnlyList<EnterpriseRow> Proposals { get; private set; } = [];

    /// <summary>Why the step just tried was refused (Chinese), or null.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(string creditCode, CancellationToken ct) =>
        await AfterAsync(await pools.AcceptAsync(Tier, [creditCode], null, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostExitAsync(long id, string? reason, CancellationToken ct) =>
        await AfterAsync(await pools.ExitAsync(id, reason, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    private async Task<IActionResult> AfterAsync<T>(Outcome<T> outcome, CancellationToken ct)
        where T : class
    {
        if (outcome.Succeeded)
        {
            return RedirectToPage(new { Tier });
        }
        Error = outcome.Refusal!.Zh;
        return await LoadAsync(ct).ConfigureAwait(false) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (rules.Tiers.All(t => t.Id != Tier))
        {
            return false;
        }
        Tiers = rules.Tiers.Select(t => (t.Id, t.Title)).DistinctBy(t => t.Id).ToList();
        // The page shows the members pool by pool; the list itself is in the order the stays began.
        Members = [.. ((await pools.ListAsync(Tier, null, openOnly: true, ct).ConfigureAwait(false)).Value ?? []).OrderBy(s => s.Pool).ThenBy(s => s.Id)];
        Proposals = (await pools.ProposalsAsync(Tier, ProposalsShown, ct).ConfigureAwait(false)).Value ?? [];
        return true;
    }
}
