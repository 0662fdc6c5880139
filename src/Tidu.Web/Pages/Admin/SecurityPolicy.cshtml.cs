using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Administration;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Admin;

/// <summary>The security administrator sets the security policy (<see cref="SecurityPolicyAdministration"/>); each change is audited with its values before and after.</summary>
public sealed class SecurityPolicyModel(SecurityPolicyAdministration policies) : PageModel
{
    public SecurityPolicy Policy { get; private set; } = new();
    public bool ForcedByConfiguration => policies.ForcedByConfiguration;
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Policy = await policies.ReadAsync(ct).ConfigureAwait(false);

    public async Task OnPostAsync(int minimumLength, int requiredCharacterClasses, int passwordHistory, int maximumPasswordAgeDays,
        int idleTimeoutMinutes, int absoluteLifetimeHours, bool requireTwoFactor, CancellationToken ct)
    {
        var wanted = new SecurityPolicy
        {
            MinimumLength = minimumLength,
            RequiredCharacterClasses = requiredCharacterClasses,
            PasswordHistory = passwordHistory,
            MaximumPasswordAgeDays = maximumPasswordAgeDays,
            IdleTimeoutMinutes = idleTimeoutMinutes,
            AbsoluteLifetimeHours = absoluteLifetimeHours,
            RequireTwoFactor = requireTwoFactor,
        };
        var outcome = await policies.SaveAsync(wanted, ct).ConfigureAwait(false);
        (Policy, Message, Failed) = outcome.Value is { } saved ? (saved, "安全策略已保存。", false) : (wanted, outcome.Refusal!.Zh, true);
    }
}
