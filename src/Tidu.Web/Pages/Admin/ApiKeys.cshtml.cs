using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Administration;
using Tidu.Data.Entities;

namespace Tidu.Web.Pages.Admin;

/// <summary>The security administrator issues and revokes API keys for banks and service bodies (<see cref="ApiKeyAdministration"/>).</summary>
public sealed class ApiKeysModel(ApiKeyAdministration keys) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public string? NewKey { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    /// <summary>Tiers a list key may be scoped to, in ladder order.</summary>
    public static IReadOnlyList<string> ListTiers => ApiKeyAdministration.ListTiers;

    public async Task OnPostCreateAsync(string? name, string? regionCode, string? purpose, string? recipientKind, string[]? tiers, CancellationToken ct)
    {
        var outcome = await keys.IssueAsync(new ApiKeyRequest(name, regionCode, purpose, recipientKind, tiers), ct).ConfigureAwait(false);
        (NewKey, Message) = (outcome.Value?.Text, outcome.Refusal?.Zh);
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostRevokeAsync(long id, CancellationToken ct)
    {
        await keys.RevokeAsync(id, ct).ConfigureAwait(false);
        await LoadAsync(ct).ConfigureAwait(false);
    }

    private async Task LoadAsync(CancellationToken ct) => Keys = (await keys.ListAsync(ct).ConfigureAwait(false)).Value ?? [];
}
