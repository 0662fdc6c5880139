using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tidu.Data.Identity;

namespace Tidu.Web.Security;

/// <summary>Puts the user's region and enterprise into the sign-in cookie so every request knows its scope without a lookup.</summary>
public sealed class TiduClaimsFactory(UserManager<TiduUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<TiduUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
        identity.AddClaim(new Claim(TiduClaims.DisplayName, user.DisplayName));
        if (user.RegionCode is { } region)
        {
            identity.AddClaim(new Claim(TiduClaims.RegionCode, region));
        }
        if (user.CreditCode is { } code)
        {
            identity.AddClaim(new Claim(TiduClaims.CreditCode, code));
        }
        return identity;
    }
}
