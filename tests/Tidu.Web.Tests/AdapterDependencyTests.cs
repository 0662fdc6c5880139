using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests;

/// <summary>
/// The web is an adapter over the application layer: no endpoint, page, background job or display helper reaches the
/// database context itself, so every question is answered by a use case of Tidu.Application, the same for the pages,
/// the API and the jobs. The exceptions are listed here, each with the reason it must hold the context.
/// </summary>
public sealed class AdapterDependencyTests
{
    /// <summary>The types of Tidu.Web allowed to hold the context (with everything nested in them), and why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // The composition roots (TiduServices, Program) name the context only in registrations, as a type argument of a
        // call, which is not holding it: they need no exception.

        // Security and identity plumbing: ASP.NET Core Identity and authentication run below any use case.
        ["Tidu.Web.Security.Accounts.TiduUserManager"] = "Identity's user manager: reads the user store and records sign-in events in the same save",
        ["Tidu.Web.Security.Accounts.PolicyPasswordValidator"] = "Identity's password validator: the password history it checks is in the database",
        ["Tidu.Web.Security.Accounts.SecurityPolicyStore"] = "the security policy Identity's options read on every sign-in",
        ["Tidu.Web.Security.Accounts.SecurityLog"] = "writes security events (the audit trail's) for authentication, which runs outside any use case",
        ["Tidu.Web.Security.Accounts.SecurityKeys"] = "the data-protection and two-factor keys kept in the database",
        ["Tidu.Web.Security.ApiKeyAuthentication"] = "API key authentication: finds the key by its prefix before there is a principal to act as",
        ["Tidu.Web.Security.ConfigurationSnapshot"] = "audits configuration changed outside the platform, at start, before any request",
        ["Tidu.Web.Security.DatabaseKeyRepository"] = "the store of the keys that protect cookies, called by ASP.NET Core Data Protection below any request",
        ["Tidu.Web.Security.SignInThrottle"] = "counts failed sign-ins per name and address for the sign-in page, before there is a principal to act as",
        ["Tidu.Web.Auditing.AuditAnchorService"] = "anchors the audit chain's head outside the database (a security mechanism, not a question)",

        // Demo data: seeding writes rows directly, as the system, once.
        ["Tidu.Web.Seeding.DatabaseInitializer"] = "migrates the database and seeds roles, users and demo data at start",
        ["Tidu.Web.Seeding.DemoHistory"] = "demo data",
        ["Tidu.Web.Seeding.DemoRound"] = "demo data",
        ["Tidu.Web.Seeding.ServiceDemo"] = "demo data",
        ["Tidu.Web.Sharing.DemoConsents"] = "demo data",

        // The import pipeline: bulk loads through the registry in its own units of work, with its own reports.
        ["Tidu.Web.Importing.ImportJobs"] = "the import pipeline: each import job runs in a scope of its own as the importing user",
    };

    [Fact]
    public void Nothing_in_the_web_but_the_listed_exceptions_depends_on_the_database_context()
    {
        var offenders = WebTypes().Where(t => !Allowed.ContainsKey(Outermost(t).FullName!))
            .SelectMany(t => TypeDependencies.OnContext(t).Select(d => $"{Outermost(t).FullName}: {d}")).Distinct().ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Every_exception_still_needs_the_context()
    {
        // An exception that no longer holds the context leaves the list: the list says what is true, no more.
        var holding = WebTypes().Where(t => TypeDependencies.OnContext(t).Any()).Select(t => Outermost(t).FullName!).ToHashSet(StringComparer.Ordinal);
        Allowed.Keys.Where(k => !holding.Contains(k)).ShouldBeEmpty();
    }

    [Fact]
    public void Endpoints_and_jobs_are_looked_at()
    {
        // Guards the type scan: were it wrong, the first test would pass on nothing.
        var names = WebTypes().Select(t => t.FullName).ToList();
        names.ShouldContain(typeof(Web.Workflow.VerificationApi).FullName);
        names.ShouldContain(typeof(Web.Dynamic.ReReviewNoticeService).FullName);
        names.ShouldContain(typeof(Web.Notifications.Email.NotificationEmailDispatcher).FullName);
        TypeDependencies.OnContext(typeof(Pages.PageDependencyTests.Holder)).ShouldNotBeEmpty();
    }

    private static Type[] WebTypes() => typeof(Web.Pages.IndexModel).Assembly.GetTypes();

    private static Type Outermost(Type t) => t.DeclaringType is { } outer ? Outermost(outer) : t;
}
