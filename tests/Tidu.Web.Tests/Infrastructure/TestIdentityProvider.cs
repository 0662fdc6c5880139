using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// A government identity platform for the tests: an OpenIddict server (authorization code flow with PKCE, one
/// confidential client) in its own in-process host, on the test's clock. It signs in whoever <see cref="Subject"/>
/// names, without a page of its own (what a person does at the provider is not the platform's business). Its signing
/// key is the test's, so a test can also hand the platform tokens the provider never issued: <see cref="Tamper"/>
/// rewrites the id_token of the token endpoint's answer.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Issuer = "https://idp.test/";
    public const string ClientId = "tidu-platform";
    public const string ClientSecret = "test-client-secret-not-for-production";
    public const string RedirectUri = "https://localhost/signin-oidc";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);

    private TestIdentityProvider(TimeProvider clock)
    {
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = "test-idp-key" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            // No stores: the test provider's only client and user are the handlers below.
            o.EnableDegradedMode();
            o.SetIssuer(new Uri(Issuer));
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.AddSigningKey(SigningKey).AddEphemeralEncryptionKey();
            o.DisableAccessTokenEncryption();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.Configure(s => s.TimeProvider = clock);
            o.UseAspNetCore();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId || ctx.RedirectUri != RedirectUri)
                {
                    ctx.Reject(Errors.InvalidClient);
                }
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (ctx.ClientId != ClientId || ctx.ClientSecret != ClientSecret)
                {
                    ctx.Reject(Errors.InvalidClient);
                }
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                if (Subject is null)
                {
                    ctx.Reject(Errors.AccessDenied, "no user signed in at the provider");
                    return default;
                }
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, Subject);
                identity.SetClaim(Claims.Name, "统一认证用户 " + Subject);
                identity.SetClaims("amr", [.. Methods]);
                identity.SetDestinations(_ => [Destinations.IdentityToken]);
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(ctx.Request.GetScopes());
                ctx.SignIn(principal);
                return default;
            }));
            // The code's principal (attached by OpenIddict) is what the token endpoint answers with.
            o.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(b => b.UseInlineHandler(ctx =>
            {
                ctx.SignIn(ctx.Principal!);
                return default;
            }).SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1));
        });
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (Tamper is not { } tamper || context.Request.Path != "/connect/token")
            {
                await next(context);
                return;
            }
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            await next(context);
            var json = JsonNode.Parse(buffer.ToArray())!.AsObject();
            if (json["id_token"]?.GetValue<string>() is { } idToken)
            {
                json["id_token"] = tamper(new JsonWebToken(idToken));
            }
            var bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
            context.Response.Body = original;
            context.Response.ContentLength = bytes.Length;
            await original.WriteAsync(bytes);
        });
        _app.UseAuthentication();
    }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The provider's user that the next authorization signs in (its <c>sub</c>); null: nobody, the provider refuses.</summary>
    public string? Subject { get; set; }

    /// <summary>The <c>amr</c> values the provider reports for its sign-in.</summary>
    public IReadOnlyList<string> Methods { get; set; } = ["pwd"];

    /// <summary>When set, replaces the id_token of the token endpoint's answers (given the one the provider issued).</summary>
    public Func<JsonWebToken, string>? Tamper { get; set; }

    /// <summary>The provider's HTTP, in process: the platform's back channel (discovery, keys, token endpoint) and the browser's requests to it.</summary>
    public HttpMessageHandler Handler() => _app.GetTestServer().CreateHandler();

    public static async Task<TestIdentityProvider> StartAsync(TimeProvider clock)
    {
        var idp = new TestIdentityProvider(clock);
        await idp._app.StartAsync();
        return idp;
    }

    /// <summary>An id_token with the given claims, signed with <paramref name="key"/> (null: unsigned, alg "none").</summary>
    public static string Token(IDictionary<string, object> claims, SecurityKey? key)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = key is null ? null : new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The claims of an issued id_token, to copy into a variant.</summary>
    public static Dictionary<string, object> ClaimsOf(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))!.AsObject();
        return payload.ToDictionary(p => p.Key, p => p.Value switch
        {
            JsonArray a => (object)a.Select(x => x!.GetValue<string>()).ToList(),
            JsonValue v when v.TryGetValue<long>(out var n) => n,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            var other => other!.ToJsonString(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
