using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using Tidu.Application;
using Tidu.Data;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Web.Api;
using Tidu.Web.Cluster;
using Tidu.Web.Importing;
using Tidu.Web.Security;
using Tidu.Web.Security.SingleSignOn;
using Tidu.Web.Seeding;
using Tidu.Web.Service;

namespace Tidu.Web;

/// <summary>How the platform is put together: database, identity, scope, rules, imports, pages and API.</summary>
public static class TiduServices
{
    public static void AddTidu(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;
        var provider = DatabaseServices.ParseProvider(config["Database:Provider"]);
        var connection = config.GetConnectionString("Tidu")
            ?? throw new InvalidOperationException("ConnectionStrings:Tidu is not set (environment variable ConnectionStrings__Tidu)");
        // The audit chain's key comes from configuration or a file, never from the database (docs/security.md).
        services.AddOptions<Auditing.AuditOptions>().Bind(config.GetSection(Auditing.AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var (hashing, generatedKey) = Auditing.AuditSetup.Load(config.GetSection(Auditing.AuditOptions.Section).Get<Auditing.AuditOptions>() ?? new(),
            Tidu.Data.Cryptography.CryptoSuites.Parse(config["Crypto:Suite"]), builder.Environment.ContentRootPath);
        services.AddSingleton(hashing);
        services.AddSingleton(new Auditing.AuditKeyStatus(generatedKey));
        services.AddSingleton<Auditing.AuditAnchorService>();
        services.AddHostedService(sp => sp.GetRequiredService<Auditing.AuditAnchorService>());
        services.AddTiduDatabase(provider, connection, Security.Keys.Load(config, builder.Environment.ContentRootPath));
#pragma warning disable RS0030 // the composition root: the one place the web platform takes the system clock
        services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        services.AddHttpContextAccessor();
        services.AddTiduDataProtection();
        services.AddScoped<HttpRegionScopeSource>();
        services.AddScoped<IRegionScopeSource>(sp => sp.GetRequiredService<HttpRegionScopeSource>());
        services.AddSingleton(_ => RuleLibrary.LoadDefault());
        services.AddSingleton(sp => new Evaluator(sp.GetRequiredService<RuleLibrary>()));
        services.AddSingleton(sp => new Tidu.Rules.Gaps.GapAnalyzer(sp.GetRequiredService<Evaluator>()));
        services.AddSingleton(RegionTree.Shipped);
        services.AddSingleton(_ => Tidu.Rules.Policies.PolicyCatalog.LoadDefault());
        // Working days (publicity, request deadlines) by the State Council's holiday arrangements in rules/calendar.
        services.AddSingleton(_ => Tidu.Rules.Calendar.WorkingDayCalendar.LoadDefault());
        services.AddSingleton(sp => new Tidu.Rules.Policies.AwardCalculator(sp.GetRequiredService<Tidu.Rules.Policies.PolicyCatalog>(), sp.GetRequiredService<RegionTree>()));
        services.AddScoped<EnterpriseRegistry>();
        services.AddScoped<Tidu.Web.Monitoring.RegionRollup>();
        services.AddScoped<Tidu.Web.Monitoring.MonitoringCharts>();
        services.AddScoped<Tidu.Web.Monitoring.OfficialCounts>();
        services.AddScoped<Tidu.Web.Monitoring.ServiceCharts>();
        Tidu.Web.Monitoring.Report.MonthlyReportServices.AddMonthlyReport(services);
        services.AddScoped<ProfileImporter>();
        services.AddOptions<ImportOptions>().Bind(config.GetSection(ImportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        services.AddSingleton<EvaluationRefresher>();
        services.Configure<DemoOptions>(config.GetSection("Demo"));
        // The use cases, over the database, as this request's actor; their jobs run through the system runner.
        services.AddTiduApplication(config);
        services.AddScoped<Tidu.Application.IActorSource, Adapters.HttpActorSource>();
        services.AddSingleton<Tidu.Application.ISystemRunner, Adapters.WebSystemRunner>();
        // A relative material directory is under the content root (never under wwwroot).
        services.PostConfigure<Tidu.Application.Workflow.MaterialOptions>(o => o.StoragePath = Path.Combine(builder.Environment.ContentRootPath, o.StoragePath));
        builder.AddTiduService();
        services.AddOptions<Tidu.Application.Notifications.Email.EmailOptions>().Bind(config.GetSection(Tidu.Application.Notifications.Email.EmailOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Tidu.Application.Notifications.Email.IEmailSender, Notifications.Email.SmtpEmailSender>();
        services.AddSingleton<Notifications.Email.NotificationEmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.Email.NotificationEmailDispatcher>());
        services.AddSingleton<Dynamic.ReReviewNoticeService>();
        // The jobs that must run once in the deployment: from this process's timers, or a cluster's reminders. After
        // the database, so that a cluster node's shared write generation replaces the process's own.
        builder.AddTiduCluster(provider, connection);

        services.AddOptions<Security.Accounts.SecurityOptions>().Bind(config.GetSection(Security.Accounts.SecurityOptions.Section));
        services.AddSingleton<Security.Accounts.SecurityPolicyStore>();
        services.AddSingleton<Tidu.Application.Administration.ISecurityPolicyDefaults>(sp => sp.GetRequiredService<Security.Accounts.SecurityPolicyStore>());
        services.AddScoped<Security.Accounts.SecurityLog>();
        services.AddScoped<Tidu.Application.Auditing.ISecurityEvents>(sp => sp.GetRequiredService<Security.Accounts.SecurityLog>());
        services.AddSingleton<Tidu.Application.Auditing.IAuditAnchorSource, Auditing.NodeAnchorFile>();
        services.AddScoped<Security.Accounts.SignInFlow>();
        services.AddScoped<Security.Accounts.SecurityKeys>();
        // Security keys (WebAuthn): the relying party is the platform's host name, and only its own origins may answer.
        var webAuthn = config.GetSection("WebAuthn");
        services.AddSingleton<Fido2NetLib.IFido2>(new Fido2NetLib.Fido2(new Fido2NetLib.Fido2Configuration
        {
            RPID = webAuthn["RelyingPartyId"] ?? "localhost",
            RPName = "梯度平台",
            Origins = new HashSet<string>(webAuthn.GetSection("Origins").Get<string[]>() ?? ["https://localhost"], StringComparer.Ordinal),
        }));
        services.AddSingleton<ConfigurationSnapshot>();
        services.AddAbuseLimits(config);
        services.AddIdentity<TiduUser, IdentityRole>(o =>
            {
                // The password rules are the security policy's (PolicyPasswordValidator), which the security
                // administrator sets; Identity's own rules are switched off so that there is one set of rules.
                o.Password.RequiredLength = 1;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Failed sign-ins are counted per account and address (SignInThrottle), not by an account-wide lockout
                // that anyone who knows a user name could keep closed.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = Security.Accounts.TotpTokenProvider.Name;
            })
            .AddEntityFrameworkStores<TiduDbContext>()
            .AddUserManager<Security.Accounts.TiduUserManager>()
            .AddSignInManager<Security.Accounts.TiduSignInManager>()
            .AddClaimsPrincipalFactory<TiduClaimsFactory>()
            .AddPasswordValidator<Security.Accounts.PolicyPasswordValidator>()
            .AddTokenProvider<Security.Accounts.TotpTokenProvider>(Security.Accounts.TotpTokenProvider.Name)
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = config.GetSection(Security.Accounts.SecurityOptions.Section).Get<Security.Accounts.SecurityOptions>()?.StampValidationInterval ?? TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = Security.Accounts.SessionLifetime.KeepSessionClaims;
        });
        var development = builder.Environment.IsDevelopment();
        // Behind a TLS proxy the forwarded headers make the request https, and cookies are never sent in clear text.
        // Only the development server on http://localhost (and a test that serves plain http) turns this off.
        var secureCookies = config.GetValue("Security:SecureCookies", !development);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = Credentials.SessionCookie;
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // The policy's idle timeout and absolute lifetime end sessions (SessionLifetime); the cookie itself never
            // outlives the longest lifetime the policy allows.
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(24);
            o.Events.OnValidatePrincipal = Security.Accounts.SessionLifetime.ValidateAsync;
            // The API answers 401/403 as ProblemDetails, never a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = async ctx =>
            {
                // A signed-in user refused a page or endpoint (an administrator on enterprise data, an officer on an
                // administrator's page) is a security event.
                if (ctx.HttpContext.User.Identity?.Name is { } name)
                {
                    await ctx.HttpContext.RequestServices.GetRequiredService<Security.Accounts.SecurityLog>().RecordAsync(
                        Tidu.Data.Auditing.SecurityEvents.AccessRefused, name, Tidu.Data.Auditing.SecurityEvents.Failure,
                        new System.Text.Json.Nodes.JsonObject { ["path"] = ctx.Request.Path.Value }, actor: name).ConfigureAwait(false);
                }
                await ApiAware(ctx, StatusCodes.Status403Forbidden).ConfigureAwait(false);
            };
        });
        services.AddAuthentication(o =>
            {
                // One principal per request: the API's scheme picks the key or the cookie, never both (a request with
                // both is refused before authentication, see Credentials.UseOneCredential).
                o.DefaultScheme = Credentials.ApiScheme;
                o.DefaultAuthenticateScheme = Credentials.ApiScheme;
                o.DefaultChallengeScheme = Credentials.ApiScheme;
                o.DefaultForbidScheme = Credentials.ApiScheme;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddPolicyScheme(Credentials.ApiScheme, displayName: null, o =>
                o.ForwardDefaultSelector = ctx => Credentials.CarriesApiKey(ctx.Request) ? ApiKeyAuthentication.SchemeName : Credentials.CookieScheme)
            // The office's identity provider, when configured: a first factor for accounts linked to it beforehand.
            .AddTiduSingleSignOn(config);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, AccessPolicyProvider>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(Credentials.CookieScheme).RequireAuthenticatedUser().Build());

        services.AddRazorPages(o =>
        {
            // Every page gets its access from the access table (anonymous, a resource of the matrix, or nobody).
            o.Conventions.AddFolderApplicationModelConvention("/", page =>
            {
                foreach (var metadata in EndpointAccess.ForPage(page.ViewEnginePath))
                {
                    page.EndpointMetadata.Add(metadata);
                }
            });
        });
        services.AddLocalization();
        // Chinese text is written as characters, not &#x…; entities (the default encoder escapes everything beyond ASCII).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Adapters.ProblemBodies.Complete);
        services.AddOpenApi(o => o.AddSchemaTransformer(Adapters.ProblemBodies.DescribeAsync).AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "梯度 · 优质中小企业梯度培育平台接口";
            doc.Info.Description = "企业档案、梯度评价、认定申报与审核、动态管理、监测和名单共享的接口。认证方式：登录后的浏览器会话（写操作须带 X-CSRF-TOKEN 防伪令牌），或请求头 X-Api-Key（密钥由系统管理员在“接口密钥”页面签发）。错误按 RFC 9457 返回，title 含中文说明。";
            return Task.CompletedTask;
        }));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        // Multipart bodies are read up to the import limit (the only upload larger than a material).
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>().Configure<Microsoft.Extensions.Options.IOptions<ImportOptions>>((o, import) =>
            o.MultipartBodyLengthLimit = import.Value.MaxUploadBytes + UploadLimit.FramingBytes);
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void UseTidu(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The client's address and scheme as the TLS proxy saw them, before anything reads them.
        app.UseForwardedHeaders();
        // Then the headers, so that every answer carries them, error pages and ProblemDetails included.
        app.UseSecurityHeaders();
        // No stack trace reaches a user: pages get the Chinese error page, the API a ProblemDetails body.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.HandleAsync });
        app.UseStatusCodePages(ErrorResponses.StatusCodePageAsync);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseStaticFiles();
        app.UseOneCredential();
        app.UseUploadLimit();
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: the API is limited per user and per key as well as per address.
        app.UseAbuseLimits();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Every endpoint gets its access from the access table (EndpointAccess): a resource and operation of the
        // access matrix, or nobody when the table does not know it.
        var endpoints = app.MapGroup("");
        ((IEndpointConventionBuilder)endpoints).Add(EndpointAccess.Convention(publicApiDescription: app.Environment.IsDevelopment()));
        // Last, once each endpoint has its own metadata (typed results, Produces): the refusals it does not name itself.
        ((IEndpointConventionBuilder)endpoints).Finally(Adapters.ApiRefusalDocs.Document);
        endpoints.MapOpenApi();
        // The API reference in Chinese (Scalar's zh-CN translation), with no fonts or calls to other sites: the page's
        // content security policy allows only this site, and Chinese text uses the system's fonts.
        endpoints.MapScalarApiReference(o => o
            .WithTitle("梯度 · 接口文档")
            .WithLocalization(new ScalarLocalizationOptions { Locale = "zh-CN" })
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent());
        endpoints.MapTiduApi();
        endpoints.MapMonitoringApi();
        endpoints.MapAuditApi();
        Sharing.ListsApi.MapListsApi(endpoints);
        Sharing.ConsentsApi.MapConsentsApi(endpoints);
        endpoints.MapServiceApi();
        app.MapRazorPages();
    }
}
