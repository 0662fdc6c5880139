using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Screening;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;
using Tidu.Rules;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>Region screening: filter, sort, page and export the enterprises of the user's region.</summary>
public sealed class IndexModel(EnterpriseQuery query, ScopeRegions scopeRegions, RuleLibrary rules, RegionTree tree) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? NearMiss { get; set; }
    [BindProperty(SupportsGet = true)] public string? SizeClass { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public EnterpriseFilter Filter { get; private set; } = new();
    public Paged<EnterpriseRow> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<(string Id, string Title)> TierOptions { get; private set; } = [];
    public IReadOnlyList<ScopeRegion> Regions { get; private set; } = [];
    public string QueryString { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Enterprise))
        {
            return Redirect("/");
        }
        if (Pages.IndexModel.IsOnlyExpert(User))
        {
            return Redirect("/Applications");
        }
        // A cursor that does not fit the order (edited by hand, or from another sort) is dropped: the page opens by number.
        var after = After is { } a && ListCursor.Parse(a, Sort) is not null ? a : null;
        Filter = new EnterpriseFilter { Tier = Tier, NearMiss = NearMiss, SizeClass = SizeClass, Industry = Industry, Region = Region, Q = Q, Sort = Sort, Page = PageNumber, After = after };
        Result = await query.PageAsync(Filter, ct).ConfigureAwait(false);
        TierOptions = rules.Tiers.Select(t => (t.Id, t.Title)).ToList();
        // The regions a filter can narrow to: the reader's own and those below it (as GET /api/v1/regions marks them "within").
        Regions = [.. (await scopeRegions.ListAsync(ct).ConfigureAwait(false)).Where(r => r.Within)];
        QueryString = Query(new Dictionary<string, string?>());
        return Page();
    }

    public string RegionName(string code) => tree.Find(code)?.Name ?? code;

    public string PageLink(int page) => "/Enterprises" + Query(new() { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>
    /// The next page: after the keyset cursor when the order has one (a deep page costs what page 1 costs), else by number;
    /// null on the last page.
    /// </summary>
    public string? NextLink() =>
        Result.Next is { } next
            ? "/Enterprises" + Query(new() { ["page"] = (Result.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["after"] = next })
            : Result.Page < Result.Pages && Result.Items.Count == Result.PageSize && ListCursor.Of(Result.Items[^1], Sort) is null
                ? PageLink(Result.Page + 1)
                : null;

    public string SortLink(string column) => "/Enterprises" + Query(new() { ["sort"] = Sort == column ? "-" + column : column, ["page"] = null });

    private string Query(Dictionary<string, string?> overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["tier"] = Tier,
            ["nearMiss"] = NearMiss,
            ["sizeClass"] = SizeClass,
            ["industry"] = Industry,
            ["region"] = Region,
            ["q"] = Q,
            ["sort"] = Sort,
        };
        foreach (var (k, v) in overrides)
        {
            values[k] = v;
        }
        var qb = new QueryBuilder();
        foreach (var (k, v) in values.Where(kv => !string.IsNullOrEmpty(kv.Value)))
        {
            qb.Add(k, v!);
        }
        return qb.ToQueryString().Value ?? "";
    }
}
