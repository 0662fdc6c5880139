using System.Security.Claims;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Application;

/// <summary>Who acts: each role of a user account, each kind of API key, or nobody.</summary>
public enum ActorKind
{
    Anonymous,

    /// <summary>系统管理员: accounts, their regions, the configuration.</summary>
    SystemAdministrator,

    /// <summary>安全管理员: who holds which role, API keys, the security policy.</summary>
    SecurityAdministrator,

    /// <summary>审计管理员: the audit trail, the security log and the list pull log, read only.</summary>
    AuditAdministrator,
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

    /// <summary>The administrators' start page.</summary>
    Administration,

    /// <summary>User accounts (create, edit, disable, reset) and the region each acts for.</summary>
    Account,

    /// <summary>The platform's configuration as it runs (secrets masked).</summary>
    Configuration,

    /// <summary>Which role each account holds.</summary>
    RoleAssignment,

    /// <summary>The security policy: passwords, sessions, second factor.</summary>
    SecurityPolicy,
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

/// <summary>
/// The access matrix: for every actor, resource and operation, whether it is allowed and how far it reaches. It is
/// the one place the platform asks — the endpoints' and pages' authorization, the use cases' steps (<see cref="Access"/>),
/// the region scope of the database and the need-to-know filters (who scored what, visit notes, history) all read it. docs/security.md states the same
/// table; a test keeps the two equal.
/// </summary>
public static class AccessMatrix
{
    private const Reach N = Reach.None, O = Reach.Own, S = Reach.Assigned, L = Reach.Listed, R = Reach.Region, A = Reach.All;

    /// <summary>The columns of the matrix, in order.</summary>
    public static IReadOnlyList<ActorKind> Actors { get; } = Enum.GetValues<ActorKind>().Where(a => a != ActorKind.Anonymous).Append(ActorKind.Anonymous).ToList();

    public sealed record Row(Resource Resource, Operation Operation, IReadOnlyList<Reach> Reaches);

    // Columns: system, security, audit administrator, province, city, county officer, commissioner, expert, enterprise user,
    // file-read key, file-write key, list key, anonymous. None of the three administrators (三员分立) reads or changes
    // enterprise data or takes a step of the procedure.
    private static readonly Row[] Table =
    [
        new(Resource.Home, Operation.Read, [A, A, A, R, R, R, R, S, O, N, N, N, N]),
        new(Resource.EnterpriseFile, Operation.Read, [N, N, N, R, R, R, R, N, O, R, R, N, N]),
        // The enterprise corrects its own declared data (officer-verified values are kept apart, Verification).
        new(Resource.EnterpriseFile, Operation.Write, [N, N, N, R, R, R, N, N, O, N, R, N, N]),
        new(Resource.FileHistory, Operation.Read, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Import, Operation.Read, [N, N, N, R, R, R, N, N, N, N, R, N, N]),
        new(Resource.Import, Operation.Write, [N, N, N, R, R, R, N, N, N, N, R, N, N]),
        new(Resource.Round, Operation.Read, [N, N, N, A, A, A, A, A, A, N, N, N, N]),
        new(Resource.Round, Operation.Write, [N, N, N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.Application, Operation.Read, [N, N, N, R, R, R, N, S, O, N, N, N, N]),
        new(Resource.Application, Operation.Write, [N, N, N, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.ExpertReview, Operation.Read, [N, N, N, R, N, N, N, S, N, N, N, N, N]),
        new(Resource.ExpertReview, Operation.Write, [N, N, N, R, N, N, N, S, N, N, N, N, N]),
        new(Resource.Material, Operation.Read, [N, N, N, R, R, R, N, S, O, N, N, N, N]),
        new(Resource.Material, Operation.Write, [N, N, N, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.Verification, Operation.Read, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Verification, Operation.Write, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Recognition, Operation.Read, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Recognition, Operation.Write, [N, N, N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialList, Operation.Read, [N, N, N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialList, Operation.Write, [N, N, N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialCount, Operation.Read, [N, N, N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.OfficialCount, Operation.Write, [N, N, N, R, N, N, N, N, N, N, N, N, N]),
        new(Resource.Pool, Operation.Read, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Pool, Operation.Write, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Commissioner, Operation.Read, [N, N, N, R, R, R, R, N, O, N, N, N, N]),
        new(Resource.Commissioner, Operation.Write, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Request, Operation.Read, [N, N, N, R, R, R, R, N, O, N, N, N, N]),
        new(Resource.Request, Operation.Write, [N, N, N, R, R, R, R, N, O, N, N, N, N]),
        new(Resource.Visit, Operation.Read, [N, N, N, R, R, R, R, N, N, N, N, N, N]),
        new(Resource.Visit, Operation.Write, [N, N, N, N, N, N, R, N, N, N, N, N, N]),
        new(Resource.Consent, Operation.Read, [N, N, N, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.Consent, Operation.Write, [N, N, N, R, R, R, N, N, O, N, N, N, N]),
        new(Resource.SharedList, Operation.Read, [N, N, N, N, N, N, N, N, N, N, N, L, N]),
        new(Resource.ListPull, Operation.Read, [N, N, A, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Monitoring, Operation.Read, [N, N, N, R, R, R, N, N, N, N, N, N, N]),
        new(Resource.Notification, Operation.Read, [O, O, O, O, O, O, O, O, O, N, N, N, N]),
        new(Resource.Notification, Operation.Write, [O, O, O, O, O, O, O, O, O, N, N, N, N]),
        new(Resource.AuditTrail, Operation.Read, [N, N, A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.ApiKey, Operation.Read, [N, A, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.ApiKey, Operation.Write, [N, A, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.ApiDescription, Operation.Read, [A, A, A, A, A, A, A, A, A, A, A, A, N]),
        new(Resource.Administration, Operation.Read, [A, A, A, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.Account, Operation.Read, [A, N, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.Account, Operation.Write, [A, N, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.Configuration, Operation.Read, [A, N, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.RoleAssignment, Operation.Read, [N, A, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.RoleAssignment, Operation.Write, [N, A, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.SecurityPolicy, Operation.Read, [N, A, N, N, N, N, N, N, N, N, N, N, N]),
        new(Resource.SecurityPolicy, Operation.Write, [N, A, N, N, N, N, N, N, N, N, N, N, N]),
    ];

    /// <summary>Every row of the matrix (resource and operation pairs not listed allow nobody).</summary>
    public static IReadOnlyList<Row> Rows => Table;

    /// <summary>
    /// A step, the resource whose write it is, the actors who take it (a part of those the resource's write row
    /// allows), and what everyone else is told (Chinese for the user, English for the log).
    /// </summary>
    public sealed record StepRow(AccessRight Step, Resource Resource, IReadOnlyList<ActorKind> Actors, string RefusalZh, string RefusalEn);

    private static readonly ActorKind[] Officers = [ActorKind.ProvinceOfficer, ActorKind.CityOfficer, ActorKind.CountyOfficer];

    private static readonly StepRow[] StepTable =
    [
        new(AccessRight.ApplyToRound, Resource.Application, [ActorKind.Enterprise], "只有企业用户可以申报", "only an enterprise user applies"),
        new(AccessRight.ReviewApplication, Resource.Application, Officers, "只有县、市、省级主管部门可以审核申报", "only county, city and province officers decide on applications"),
        new(AccessRight.RecordObjection, Resource.Application, Officers, "只有主管部门可以登记异议", "only an officer records an objection"),
        new(AccessRight.DecideAtProvince, Resource.Application, [ActorKind.ProvinceOfficer], "只有省级主管部门可以作出此决定", "only a province officer takes this step"),
        new(AccessRight.VerifyDeclaredValues, Resource.Verification, Officers, "只有主管部门可以核实申报数据", "only an officer verifies declared values"),
        new(AccessRight.AttachMaterial, Resource.Material, [ActorKind.Enterprise, .. Officers], "只有申报企业或主管部门可以上传材料", "only the applying enterprise or an officer attaches materials"),
        new(AccessRight.OpenRound, Resource.Round, [ActorKind.ProvinceOfficer], "只有省级主管部门可以发起申报批次", "only a province officer opens a recognition round"),
        new(AccessRight.DeclareAndScore, Resource.ExpertReview, [ActorKind.Expert], "只有指派的评审专家可以声明或评分", "only an assigned expert declares and scores"),
        new(AccessRight.ManagePools, Resource.Pool, Officers, "只有主管部门可以管理培育库", "only officers manage cultivation pools"),
        new(AccessRight.DecideRecognition, Resource.Recognition, [ActorKind.ProvinceOfficer], "只有省级主管部门可以作出复核决定", "only a province officer keeps or revokes a recognition"),
        new(AccessRight.ImportOfficialList, Resource.OfficialList, [ActorKind.ProvinceOfficer], "只有省级主管部门可以录入官方认定名单", "only a province officer enters an official list of recognitions"),
        new(AccessRight.AssignCommissioner, Resource.Commissioner, Officers, "只有主管部门可以指派服务专员", "only officers assign commissioners"),
        new(AccessRight.RaiseRequest, Resource.Request, [ActorKind.Enterprise], "只有企业用户可以提出诉求", "only an enterprise user raises a request"),
        new(AccessRight.AnswerRequest, Resource.Request, [ActorKind.Commissioner, .. Officers], "只有主管部门和服务专员可以受理、答复诉求", "only officers and commissioners accept and answer requests"),
        new(AccessRight.CloseRequest, Resource.Request, [ActorKind.Enterprise], "只有提出诉求的企业可以评价办结", "only the enterprise closes its request"),
        new(AccessRight.LogVisit, Resource.Visit, [ActorKind.Commissioner], "只有服务专员可以登记走访", "only a commissioner logs a visit"),
        new(AccessRight.ManageConsent, Resource.Consent, [ActorKind.Enterprise, .. Officers], "无权管理共享授权", "only the enterprise and officers manage consents"),
    ];

    /// <summary>Every step with its resource and actors.</summary>
    public static IReadOnlyList<StepRow> Steps => StepTable;

    /// <summary>Whether the actor takes the step (and is allowed the write of its resource at all).</summary>
    public static bool MayTake(ActorKind actor, AccessRight step)
    {
        var row = Step(step);
        return row.Actors.Contains(actor) && Allows(actor, row.Resource, Operation.Write);
    }

    /// <summary>The row of <paramref name="step"/>.</summary>
    public static StepRow Step(AccessRight step) =>
        Array.Find(StepTable, r => r.Step == step) ?? throw new ArgumentOutOfRangeException(nameof(step), step, "not a step of the access matrix");

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
        (Roles.SystemAdministrator, ActorKind.SystemAdministrator),
        (Roles.SecurityAdministrator, ActorKind.SecurityAdministrator),
        (Roles.AuditAdministrator, ActorKind.AuditAdministrator),
        (Roles.ProvinceOfficer, ActorKind.ProvinceOfficer),
        (Roles.CityOfficer, ActorKind.CityOfficer),
        (Roles.CountyOfficer, ActorKind.CountyOfficer),
        (Roles.Commissioner, ActorKind.Commissioner),
        (Roles.Expert, ActorKind.Expert),
        (Roles.Enterprise, ActorKind.Enterprise),
    ];

    /// <summary>
    /// The database scope of a principal: the administrators no enterprise at all (三员分立), officers, commissioners and keys their region,
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
            ActorKind.SystemAdministrator or ActorKind.SecurityAdministrator or ActorKind.AuditAdministrator => RegionScope.Nothing(name),
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

}
