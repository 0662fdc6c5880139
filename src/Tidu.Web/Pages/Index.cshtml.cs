using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application;
using Tidu.Application.Screening;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages;

/// <summary>The overview of the user's region (<see cref="RegionOverview"/>): how many enterprises meet, or nearly meet, each tier. Counted by the database.</summary>
public sealed class IndexModel(RegionOverview overview, IActorSource actors) : PageModel
{
    public int Total { get; private set; }
    public IReadOnlyList<TierTally> Tiers { get; private set; } = [];
    public string ScopeLabel { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Roles.Administrators.Any(User.IsInRole))
        {
            return Redirect("/Admin"); // 三员分立: the administrators see no enterprise figures
        }
        if (User.IsInRole(Roles.Enterprise))
        {
            // An enterprise user has one file: theirs.
            return actors.Current.CreditCode is { } own ? Redirect("/Enterprises/" + own) : Forbid();
        }
        if (User.IsInRole(Roles.Expert))
        {
            // An expert's work is the applications assigned to them; they read no enterprise files.
            return Redirect("/Applications");
        }
        var read = await overview.ReadAsync(ct).ConfigureAwait(false);
        (Total, Tiers, ScopeLabel) = (read.Total, read.Tiers, read.ScopeLabel);
        return Page();
    }

    /// <summary>An expert without an officer's or administrator's role as well.</summary>
    public static bool IsOnlyExpert(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Expert) && !Roles.Administrators.Any(user.IsInRole) && !Roles.Officers.Any(user.IsInRole);
}
