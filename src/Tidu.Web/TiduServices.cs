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
using Tidu.Web.Importing;
using Tidu.Web.Security;
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
        services.AddTiduDatabase(provider, connection, Security.Keys.Load(config, builder.Environment.ContentRootPath));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<HttpRegionScopeSource>();
        services.AddScoped<IRegionScopeSource>(sp => sp.GetRequiredService<HttpRegionScopeSource>());
        services.AddSingleton(_ => RuleLibrary.LoadDefault());
        services.AddSingleton(sp => new Evaluator(sp.GetRequiredService<RuleLibrary>()));
        services.AddSingleton(sp => new Tidu.Rules.Gaps.GapAnalyzer(sp.GetRequiredService<Evaluator>()));
        services.AddSingleton(RegionTree.Shipped);
        services.AddSingleton(_ => Tidu.Rules.Policies.PolicyCatalog.LoadDefault());
        services.AddSingleton(sp => new Tidu.Rules.Policies.AwardCalculator(sp.GetRequiredService<Tidu.Rules.Policies.PolicyCatalog>(), sp.GetRequiredService<RegionTree>()));
        services.AddScoped<EnterpriseRegistry>();
        services.AddScoped<Tidu.Web.Monitoring.RegionRollup>();
        services.AddScoped<Tidu.Web.Monitoring.MonitoringCharts>();
        services.AddScoped<Tidu.Web.Monitoring.ServiceCharts>();
        Tidu.Web.Monitoring.Report.MonthlyReportServices.AddMonthlyReport(services);
        services.AddScoped<ProfileImporter>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        services.AddSingleton<EvaluationRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<EvaluationRefresher>());
        services.Configure<DemoOptions>(config.GetSection("Demo"));
        // The use cases, over the database, as this request's actor; their jobs run through the system runner.
        services.AddTiduApplication(config);
        services.AddScoped<Tidu.Application.IActorSource, Adapters.HttpActorSource>();
        services.AddSingleton<Tidu.Application.ISystemRunner, Adapters.WebSystemRunner>();
        // A relative material directory is under the content root (never under wwwroot).
        services.PostConfigure<Tidu.Application.Workflow.MaterialOptions>(o => o.StoragePath = Path.Combine(builder.Environment.ContentRootPath, o.StoragePath));
        builder.AddTiduService();
        services.AddOptions<Notifications.Email.EmailOptions>().Bind(config.GetSection(Notifications.Email.EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Notifications.Email.IEmailSender, Notifications.Email.SmtpEmailSender>();
        services.AddSingleton<Notifications.Email.NotificationEmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifications.Email.NotificationEmailDispatcher>());
        services.AddSingleton<Dynamic.ReReviewNoticeService>();
        services.AddHostedService(sp => sp.GetRequiredService<Dynamic.ReReviewNoticeService>());

        services.AddOptions<Security.Accounts.SecurityOptions>().Bind(config.GetSection(Security.Accounts.SecurityOptions.Section));
        services.AddSingleton<Security.Accounts.SecurityPolicyStore>();
        services.AddScoped<Security.Accounts.SecurityLog>();
        services.AddScoped<Security.Accounts.SignInFlow>();
        services.AddScoped<Security.Accounts.AccountAdministration>();
        services.AddSingleton<ConfigurationSnapshot>();
        services.AddScoped<Auditing.AuditSearch>();
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
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
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
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
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
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Officer, p => p.RequireRole(Roles.Officers))
            .AddPolicy(Policies.BusinessUser, p => p.RequireAuthenticatedUser().RequireAssertion(c => !Policies.IsAdministrator(c.User)))
            .AddPolicy(Policies.SystemAdministrator, p => p.RequireRole(Roles.SystemAdministrator))
            .AddPolicy(Policies.SecurityAdministrator, p => p.RequireRole(Roles.SecurityAdministrator))
            .AddPolicy(Policies.AuditAdministrator, p => p.RequireRole(Roles.AuditAdministrator))
            .AddPolicy(Policies.AnyAdministrator, p => p.RequireRole(Roles.Administrators))
            .AddPolicy(Policies.PullLog, p => p.RequireRole([.. Roles.Officers, Roles.AuditAdministrator]))
            .AddPolicy(Policies.ApiRead, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => Policies.MayRead(c.User)))
            .AddPolicy(Policies.WorkflowRead, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => Policies.MayReadWorkflow(c.User)))
            .AddPolicy(Policies.ApiWrite, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => Policies.MayWrite(c.User)));

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            // The steps of a sign-in in progress: their user is the pending sign-in's, not a session's.
            o.Conventions.AllowAnonymousToPage("/Account/TwoFactor");
            o.Conventions.AllowAnonymousToPage("/Account/Enrol");
            o.Conventions.AllowAnonymousToPage("/Account/ChangePassword");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AuthorizeFolder("/Import", Policies.Officer);
            o.Conventions.AuthorizeFolder("/Monitoring", Policies.Officer);
            o.Conventions.AuthorizePage("/Service/Commissioners", Policies.Officer);
            o.Conventions.AuthorizeFolder("/Recognitions", Policies.Officer);
            o.Conventions.AuthorizeFolder("/Pools", Policies.Officer);
            // 三员分立: each administrator's pages, and none of the business pages for any of them.
            foreach (var business in BusinessFolders)
            {
                o.Conventions.AuthorizeFolder(business, Policies.BusinessUser);
            }
            o.Conventions.AuthorizePage("/Admin/Index", Policies.AnyAdministrator);
            o.Conventions.AuthorizePage("/Admin/Users", Policies.SystemAdministrator);
            o.Conventions.AuthorizePage("/Admin/Configuration", Policies.SystemAdministrator);
            o.Conventions.AuthorizePage("/Admin/Roles", Policies.SecurityAdministrator);
            o.Conventions.AuthorizePage("/Admin/ApiKeys", Policies.SecurityAdministrator);
            o.Conventions.AuthorizePage("/Admin/SecurityPolicy", Policies.SecurityAdministrator);
            o.Conventions.AuthorizeFolder("/Audit", Policies.AuditAdministrator);
        });
        services.AddLocalization();
        // Chinese text is written as characters, not &#x…; entities (the default encoder escapes everything beyond ASCII).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Tidu 梯度 API";
            doc.Info.Description = "优质中小企业梯度培育平台接口。Authenticate with the sign-in cookie or an X-Api-Key header.";
            return Task.CompletedTask;
        }));
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = ImportLimits.MaxUploadBytes);
    }

    /// <summary>The page folders of enterprise data and the workflow: closed to the three administrators.</summary>
    private static readonly string[] BusinessFolders = ["/Enterprises", "/Import", "/Monitoring", "/Recognitions", "/Pools", "/Rounds", "/Applications", "/Service"];

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
        // No stack trace reaches a user: pages get the Chinese error page, the API a ProblemDetails body.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.HandleAsync });
        // Behind the TLS-terminating proxy (国密 TLS: docs/compliance.md) the client's address comes from the proxy's
        // X-Forwarded-For, trusted only from the configured proxies; the audit trail records that address.
        if (app.Configuration["Network:TrustedProxies"] is { Length: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
            foreach (var proxy in proxies.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            app.UseForwardedHeaders(forwarded);
        }
        app.UseStatusCodePages(ErrorResponses.StatusCodePageAsync);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapTiduApi();
        app.MapMonitoringApi();
        app.MapAuditApi();
        Sharing.ListsApi.MapListsApi(app);
        Sharing.ConsentsApi.MapConsentsApi(app);
        app.MapServiceApi();
        app.MapRazorPages();
    }
}
