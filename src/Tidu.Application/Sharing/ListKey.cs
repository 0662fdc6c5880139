using System.Globalization;
using System.Security.Claims;
using Tidu.Data.Identity;

namespace Tidu.Application.Sharing;

/// <summary>A bank's or service body's API key as a list recipient: its id and name, the kind of recipient, its region and its tiers.</summary>
public sealed record ListKey(long Id, string Name, string RecipientKind, string RegionCode, IReadOnlyList<string> Tiers)
{
    /// <summary>The list key a principal is, or null when it is none (the access matrix's <see cref="ActorKind.ListKey"/>).</summary>
    public static ListKey? Of(ClaimsPrincipal? user)
    {
        if (user is null || AccessMatrix.KindOf(user) != ActorKind.ListKey
            || user.FindFirstValue(TiduClaims.RegionCode) is not { } region
            || !long.TryParse(user.FindFirstValue(TiduClaims.ApiKeyId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || user.Identity?.Name is not { } name)
        {
            return null;
        }
        return new ListKey(id, name.StartsWith("api-key:", StringComparison.Ordinal) ? name["api-key:".Length..] : name, user.FindFirstValue(TiduClaims.RecipientKind)!, region,
            (user.FindFirstValue(TiduClaims.ApiTiers) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
