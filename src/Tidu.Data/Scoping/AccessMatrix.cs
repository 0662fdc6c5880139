using System.Security.Claims;
using Tidu.Data.Entities;
using Tidu.Data.Identity;

namespace Tidu.Data.Scoping;

/// <summary>Who acts: each role of a user account, each kind of API key, or nobody.</summary>
public enum ActorKind
{
    Anonymous,
    Administrator,
    ProvinceOfficer,
    CityOfficer,
    CountyOfficer,
    Commissioner,
    Expert,
    Enterprise,

    /// <summary>An API key with <c>enterprises:read</c>: reads the enterprise files of its region.</summary>
    FileReadKey,

    /// <summary>An API key with <c>enterprises:read enterprises:write</c>: also writes them (PUT, imports).</summary>
    FileWriteKey,

    /// <summary>A bank's or service body's key with <c>lists:read</c>: pulls its list and nothing else.</summary>
    ListKey,
}

/// <summary>What is acted on; one row pair (read, write) of the matrix each.</summary>
public enum Resource
{
    /// <summary>The start page and sign-out.</summary>
    Home,

    /// <summary>一企一档: the file, its evaluation, gap and awards, lists and exports, regions.</summary>
    EnterpriseFile,

    /// <summary>A file's audit history with every value before and after.</summary>
    FileHistory,

    /// <summary>Imports of enterprise files (CSV, XLSX, JSON) and their reports.</summary>
    Import,
    Round,
    Application,

    /// <summary>Expert review: settings, who is assigned, who scored what.</summary>
    ExpertReview,
    Material,

    /// <summary>An application's declared values and the values officers verified.</summary>
    Verification,

    /// <summary>Recognitions under dynamic management (status, re-review, keep or revoke).</summary>
    Recognition,

    /// <summary>Importing an issuing authority's official list of recognitions.</summary>
    OfficialList,

    /// <summary>The published counts of recognitions per city and batch (名单公布数), imported by the province as data.</summary>
    OfficialCount,
    Pool,
    Commissioner,
    Request,

    /// <summary>Visits (走访) with their notes.</summary>
    Visit,
    Consent,

    /// <summary>The list a bank or service body pulls with its key.</summary>
    SharedList,
    ListPull,
    Monitoring,
    Notification,

    /// <summary>The whole audit trail and its hash-chain check.</summary>
    AuditTrail,
    ApiKey,

    /// <summary>The OpenAPI document and the API reference page.</summary>
    ApiDescription,
}

public enum Operation
{
    Read,
    Write,
}

/// <summary>How far an allowed access reaches; the database's region scope enforces it row by row.</summary>
public enum Reach
{
    /// <summary>Not at all.</summary>
    None,

    /// <summary>The enterprise user's own enterprise, or the user's own notices.</summary>
    Own,

    /// <summary>An expert: the applications assigned to them.</summary>
    Assigned,

    /// <summary>A list key: the consenting enterprises of its region and tiers.</summary>
    Listed,

    /// <summary>The actor's region and everything below it.</summary>
    Region,

    /// <summary>Everything.</summary>
    All,
}

/// <summary>Which entries of a file's audit history an actor is shown.</summary>
public enum HistoryView
{
    None,

    /// <summary>Changes to the file itself (its data, years, recognitions, honours, consents).</summary>
    FileOnly,

    /// <summary>Everything but who was assigned to review and what each expert declared or scored.</summary>
    WithoutReviewers,
    Everything,
}

/// <summary>
/// The access matrix: for every actor, resource and operation, whether it is allowed and how far it reaches. It is
/// the one place the platform asks — the endpoints' and pages' authorization, the region scope of the database and
/// the need-to-know filters (who scored what, visit notes, history) all read it. docs/security.md states the same
/// table; a test keeps the two equal.
/// </summary>
public static class AccessMatrix
{
    private const Reach N = Reach.None, O = Reach.Own, S = Reach.Assigned, L = Reach.Listed, R = Reach.Region, A = Reach.All;

    /// <summary>The columns of the matrix, in order.</summary>
    public static IReadOnlyList<ActorKind> Actors { get; } = Enum.GetValues<ActorKind>().Where(a => a != ActorKind.Anonymous).Append(ActorKind.Anonymous).ToList();

    public sealed record Row(Resource Resource, Operation Operation, IReadOnlyList<Reach> Reaches);

    // Columns: administrator, province, city, county officer, commissioner, expert, enterprise user, file-read key, file-write key, list key, anonymous.
    private static readonly Row[] Table =
    [
        new(Resource.Home, Operation.Read, [A, R, R, R, R, S, O, N, N, N, N]),
        new(Resource.EnterpriseFile, Operation.Read, [A, R, R, R, R, N, O, R, R, N, N]),
        // The enterprise corrects its own declared data (officer-verified values are kept apart, Verification).
        new(Resource.EnterpriseFile, Operation.Write, [A, R, R, R, N, N, O, N, R, N, N]),
        new(Resource.FileHistory, Operation.Read, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Import, Operation.Read, [A, R, R, R, N, N, N, N, R, N, N]),
        new(Resource.Import, Operation.Write, [A, R, R, R, N, N, N, N, R, N, N]),
        new(Resource.Round, Operation.Read, [A, A, A, A, A, A, A, N, N, N, N]),
        new(Resource.Round, Operation.Write, [N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.Application, Operation.Read, [A, R, R, R, N, S, O, N, N, N, N]),
        new(Resource.Application, Operation.Write, [N, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.ExpertReview, Operation.Read, [A, R, N, N, N, S, N, N, N, N, N]),
        new(Resource.ExpertReview, Operation.Write, [N, R, N, N, N, S, N, N, N, N, N]),
        new(Resource.Material, Operation.Read, [A, R, R, R, N, S, O, N, N, N, N]),
        new(Resource.Material, Operation.Write, [N, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.Verification, Operation.Read, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Verification, Operation.Write, [N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Recognition, Operation.Read, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Recognition, Operation.Write, [N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialList, Operation.Read, [A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialList, Operation.Write, [A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialCount, Operation.Read, [N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialCount, Operation.Write, [N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.Pool, Operation.Read, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Pool, Operation.Write, [N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Commissioner, Operation.Read, [A, R, R, R, R, N, O, N, N, N, N]),
        new(Resource.Commissioner, Operation.Write, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Request, Operation.Read, [A, R, R, R, R, N, O, N, N, N, N]),
        new(Resource.Request, Operation.Write, [A, R, R, R, R, N, O, N, N, N, N]),
        new(Resource.Visit, Operation.Read, [A, R, R, R, R, N, N, N, N, N, N]),
        new(Resource.Visit, Operation.Write, [N, N, N, N, R, N, N, N, N, N, N]),
        new(Resource.Consent, Operation.Read, [A, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.Consent, Operation.Write, [A, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.SharedList, Operation.Read, [N, N, N, N, N, N, N, N, N, L, N]),
        new(Resource.ListPull, Operation.Read, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Monitoring, Operation.Read, [A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Notification, Operation.Read, [O, O, O, O, O, O, O, N, N, N, N]),
        new(Resource.Notification, Operation.Write, [O, O, O, O, O, O, O, N, N, N, N]),
        new(Resource.AuditTrail, Operation.Read, [A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.ApiKey, Operation.Read, [A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.ApiKey, Operation.Write, [A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.ApiDescription, Operation.Read, [A, A, A, A, A, A, A, A, A, A, N]),
    ];

    /// <summary>Every row of the matrix (resource and operation pairs not listed allow nobody).</summary>
    public static IReadOnlyList<Row> Rows => Table;

    /// <summary>A step, the resource whose write it is, and the actors who take it (a part of those the resource's write row allows).</summary>
    public sealed record StepRow(AccessRight Step, Resource Resource, IReadOnlyList<ActorKind> Actors);

    private static readonly ActorKind[] Officers = [ActorKind.ProvinceOfficer, ActorKind.CityOfficer, ActorKind.CountyOfficer];

    private static readonly StepRow[] StepTable =
    [
        new(AccessRight.ApplyToRound, Resource.Application, [ActorKind.Enterprise]),
        new(AccessRight.ReviewApplication, Resource.Application, Officers),
        new(AccessRight.RecordObjection, Resource.Application, Officers),
        new(AccessRight.DecideAtProvince, Resource.Application, [ActorKind.ProvinceOfficer]),
        new(AccessRight.VerifyDeclaredValues, Resource.Verification, Officers),
        new(AccessRight.AttachMaterial, Resource.Material, [ActorKind.Enterprise, .. Officers]),
        new(AccessRight.OpenRound, Resource.Round, [ActorKind.ProvinceOfficer]),
        new(AccessRight.DeclareAndScore, Resource.ExpertReview, [ActorKind.Expert]),
        new(AccessRight.ManagePools, Resource.Pool, Officers),
        new(AccessRight.DecideRecognition, Resource.Recognition, [ActorKind.ProvinceOfficer]),
        new(AccessRight.ImportOfficialList, Resource.OfficialList, [ActorKind.Administrator]),
        new(AccessRight.AssignCommissioner, Resource.Commissioner, [ActorKind.Administrator, .. Officers]),
        new(AccessRight.RaiseRequest, Resource.Request, [ActorKind.Enterprise]),
        new(AccessRight.AnswerRequest, Resource.Request, [ActorKind.Administrator, ActorKind.Commissioner, .. Officers]),
        new(AccessRight.CloseRequest, Resource.Request, [ActorKind.Enterprise]),
        new(AccessRight.LogVisit, Resource.Visit, [ActorKind.Commissioner]),
        new(AccessRight.ManageConsent, Resource.Consent, [ActorKind.Enterprise, ActorKind.Administrator, .. Officers]),
    ];

    /// <summary>Every step with its resource and actors.</summary>
    public static IReadOnlyList<StepRow> Steps => StepTable;

    /// <summary>Whether the actor takes the step (and is allowed the write of its resource at all).</summary>
    public static bool MayTake(ActorKind actor, AccessRight step)
    {
        var row = Array.Find(StepTable, r => r.Step == step) ?? throw new ArgumentOutOfRangeException(nameof(step), step, "not a step of the access matrix");
        return row.Actors.Contains(actor) && Allows(actor, row.Resource, Operation.Write);
    }

    /// <summary>The actor a user account of <paramref name="role"/> is (an API key's role is no actor of any step).</summary>
    public static ActorKind KindOfRole(string? role) =>
        Array.Find(RoleActors, r => r.Role == role) is { Role: not null } found ? found.Actor : ActorKind.Anonymous;

    public static Reach Of(ActorKind actor, Resource resource, Operation operation)
    {
        var row = Array.Find(Table, r => r.Resource == resource && r.Operation == operation);
        return row is null ? Reach.None : row.Reaches[Column(actor)];
    }

    public static bool Allows(ActorKind actor, Resource resource, Operation operation) => Of(actor, resource, operation) != Reach.None;

    public static bool Allows(ClaimsPrincipal? user, Resource resource, Operation operation) => Allows(KindOf(user), resource, operation);

    private static int Column(ActorKind actor)
    {
        for (var i = 0; i < Actors.Count; i++)
        {
            if (Actors[i] == actor)
            {
                return i;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(actor), actor, "not a column of the access matrix");
    }

    /// <summary>
    /// The actor a principal is: one role per user account (a principal holding two of the platform's roles is no
    /// actor at all and is refused everything); an API key by its permissions, the narrowest reading winning.
    /// </summary>
    public static ActorKind KindOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return ActorKind.Anonymous;
        }
        if (user.IsInRole(Roles.ApiClient))
        {
            var scopes = (user.FindFirst(TiduClaims.ApiScopes)?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // A list key never reads files, whatever else its scope string says.
            return scopes.Contains(ApiScopes.ListsRead) && user.FindFirst(TiduClaims.RecipientKind) is not null ? ActorKind.ListKey
                : scopes.Contains(ApiScopes.ListsRead) ? ActorKind.Anonymous
                : scopes.Contains(ApiScopes.EnterprisesWrite) && scopes.Contains(ApiScopes.EnterprisesRead) ? ActorKind.FileWriteKey
                : scopes.Contains(ApiScopes.EnterprisesRead) ? ActorKind.FileReadKey
                : ActorKind.Anonymous;
        }
        var roles = RoleActors.Where(r => user.IsInRole(r.Role)).ToList();
        return roles.Count == 1 ? roles[0].Actor : ActorKind.Anonymous;
    }

    private static readonly (string Role, ActorKind Actor)[] RoleActors =
    [
        (Roles.Administrator, ActorKind.Administrator),
        (Roles.ProvinceOfficer, ActorKind.ProvinceOfficer),
        (Roles.CityOfficer, ActorKind.CityOfficer),
        (Roles.CountyOfficer, ActorKind.CountyOfficer),
        (Roles.Commissioner, ActorKind.Commissioner),
        (Roles.Expert, ActorKind.Expert),
        (Roles.Enterprise, ActorKind.Enterprise),
    ];

    /// <summary>
    /// The database scope of a principal: administrators everything, officers, commissioners and keys their region,
    /// an enterprise user its own file, an expert the applications assigned to them, anyone else nothing.
    /// </summary>
    public static RegionScope ScopeOf(ClaimsPrincipal? user)
    {
        var actor = KindOf(user);
        if (actor == ActorKind.Anonymous)
        {
            return RegionScope.Nothing(user?.Identity?.IsAuthenticated == true ? NameOf(user) : "anonymous");
        }
        var principal = user!;
        var name = NameOf(principal);
        var region = principal.FindFirstValue(TiduClaims.RegionCode);
        return actor switch
        {
            ActorKind.Administrator => RegionScope.Everything(name),
            ActorKind.Enterprise => principal.FindFirstValue(TiduClaims.CreditCode) is { } code ? RegionScope.OneEnterprise(name, code) : RegionScope.Nothing(name),
            // Experts see what is assigned to them (the database filter reads their assignments by user id).
            ActorKind.Expert => principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? RegionScope.Expert(name, id) : RegionScope.Nothing(name),
            _ when region is not null => RegionScope.Region(name, region) with { SeesReviewers = SeesReviewers(actor) },
            _ => RegionScope.Nothing(name),
        };
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    /// <summary>
    /// Whether the actor may know who reviews an application and what each expert declared and scored. Everyone else
    /// who reads the application sees the outcome and the expert group's conclusion only.
    /// </summary>
    public static bool SeesReviewers(ActorKind actor) => Of(actor, Resource.ExpertReview, Operation.Read) is Reach.Region or Reach.All;

    /// <summary>Which entries of a file's history the actor is shown (where it may read the file at all).</summary>
    public static HistoryView History(ActorKind actor) =>
        !Allows(actor, Resource.EnterpriseFile, Operation.Read) ? HistoryView.None
        : !Allows(actor, Resource.FileHistory, Operation.Read) ? HistoryView.FileOnly
        : SeesReviewers(actor) ? HistoryView.Everything
        : HistoryView.WithoutReviewers;

    /// <summary>The entities whose changes are "the file itself" for <see cref="HistoryView.FileOnly"/>.</summary>
    public static IReadOnlyList<string> FileEntities { get; } =
        [nameof(Enterprise), nameof(EnterpriseFinancialYear), nameof(EnterpriseRecognition), nameof(EnterpriseHonor), nameof(Entities.Sharing.SharingConsent)];

    /// <summary>The history entries <paramref name="view"/> shows, as a query (both providers translate the text tests).</summary>
    public static IQueryable<AuditEntry> Visible(this IQueryable<AuditEntry> entries, HistoryView view)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var file = FileEntities.ToList();
        return view switch
        {
            HistoryView.Everything => entries,
            HistoryView.WithoutReviewers => entries.Where(a => a.Entity != nameof(Entities.Workflow.ExpertAssignment)
                && !(a.Entity == nameof(Entities.Workflow.ApplicationDecision)
                    && a.After != null && (a.After.Contains("\"Level\":\"expert\"") || a.After.Contains("\"Decision\":\"assign-expert\"")))),
            HistoryView.FileOnly => entries.Where(a => file.Contains(a.Entity)),
            _ => entries.Where(a => false),
        };
    }
}
