using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>Identity's sign-in manager, refusing accounts the system administrator disabled (before any password check counts).</summary>
public sealed class TiduSignInManager(
    UserManager<TiduUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<TiduUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<TiduUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TiduUser> confirmation)
    : SignInManager<TiduUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(TiduUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledAt is null && await base.CanSignInAsync(user).ConfigureAwait(false);
    }
}
