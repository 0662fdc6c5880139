using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Rounds;

/// <summary>A province officer opens a round: title, tier and rule version, dates, publicity days, validity, a quota per city.</summary>
[Authorize(Roles = Roles.ProvinceOfficer)]
public sealed class OpenModel(RoundService rounds, TimeProvider clock) : PageModel
{
    public sealed class QuotaInput
    {
        public string CityCode { get; set; } = "";
        public string CityName { get; set; } = "";

        /// <summary>Empty: the city gets no quota in this round.</summary>
        public int? Quota { get; set; }
    }

    public sealed class RoundInput
    {
        public string Title { get; set; } = "";
        public string RuleSetVersion { get; set; } = "";
        public DateOnly OpensOn { get; set; }
        public DateOnly ClosesOn { get; set; }
        public int PublicityWorkingDays { get; set; }
        public int ValidityYears { get; set; }
        public List<QuotaInput> Quotas { get; set; } = [];
    }

    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public IReadOnlyList<RoundService.RuleVersionChoice> Versions { get; private set; } = [];
    public string? Message { get; private set; }

    private string Province => User.FindFirst(TiduClaims.RegionCode)?.Value ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ChinaCalendar.Today(clock);
        Versions = rounds.RuleVersionChoices(Province, today);
        Input = new RoundInput
        {
            OpensOn = today,
            ClosesOn = today.AddMonths(1),
            PublicityWorkingDays = rounds.Defaults.PublicityWorkingDays,
            ValidityYears = rounds.Defaults.RecognitionValidityYears,
            Quotas = [.. rounds.CitiesOf(Province).Select(c => new QuotaInput { CityCode = c.Code, CityName = c.Name })],
            RuleSetVersion = await rounds.DefaultChoiceAsync(Versions, ct).ConfigureAwait(false) ?? "",
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Versions = rounds.RuleVersionChoices(Province, ChinaCalendar.Today(clock));
        var tier = Versions.FirstOrDefault(v => v.Value == Input.RuleSetVersion)?.Tier ?? "";
        var body = new OpenRoundRequest(tier, Input.Title ?? "", Input.OpensOn, Input.ClosesOn, Input.RuleSetVersion ?? "",
            [.. Input.Quotas.Where(q => q.Quota is not null).Select(q => new QuotaRequest(q.CityCode, q.Quota!.Value))],
            Input.PublicityWorkingDays, Input.ValidityYears);
        var outcome = await rounds.OpenAsync(body, ct).ConfigureAwait(false);
        if (outcome.Value is { } round)
        {
            return Redirect($"/Rounds/{round.Id}");
        }
        Message = outcome.Refusal!.Zh;
        return Page();
    }
}
