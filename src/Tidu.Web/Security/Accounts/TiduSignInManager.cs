using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Identity's sign-in manager, refusing accounts the system administrator disabled (before any password check counts),
/// and keeping a session's own claims (when it started, the factors used, the previous sign-in) when it is refreshed
/// after the user changed their password or second factor: a refresh is not a new sign-in.
/// </summary>
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

    public override async Task RefreshSignInAsync(TiduUser user)
    {
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        var kept = auth.Principal?.Claims
            .Where(c => c.Type is SignInFlow.SignedInAtClaim or SignInFlow.PreviousSignInClaim or SignInFlow.MethodClaim)
            .Select(c => new Claim(c.Type, c.Value))
            .ToList() ?? [];
        await SignInWithClaimsAsync(user, auth.Properties, kept).ConfigureAwait(false);
    }
}
