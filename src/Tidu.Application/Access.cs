using Tidu.Data.Identity;

namespace Tidu.Application;

/// <summary>What an actor may do at all, by role; which rows they reach is the database's region scope.</summary>
public enum AccessRight
{
    ApplyToRound,
    ReviewApplication,
    VerifyDeclaredValues,
    AttachMaterial,
    RecordObjection,
    DecideAtProvince,
    OpenRound,
    DeclareAndScore,
    ManagePools,
    DecideRecognition,
    AssignCommissioner,
    RaiseRequest,
    AnswerRequest,
    CloseRequest,
    LogVisit,
    ManageConsent,
}

/// <summary>
/// The role side of every permission of the use cases, in one table: which roles may act, and the refusal the others
/// get. The region side (which enterprises, applications and requests an actor reaches) is the database's scope
/// filter; a use case adds only what a scope cannot say (a round of the officer's own province, say).
/// </summary>
public static class Access
{
    private sealed record Rule(string[] Roles, string Zh, string En);

    private static readonly string[] Officers = [Roles.CountyOfficer, Roles.CityOfficer, Roles.ProvinceOfficer];

    private static readonly Dictionary<AccessRight, Rule> Table = new Dictionary<AccessRight, Rule>
    {
        [AccessRight.ApplyToRound] = new([Roles.Enterprise], "只有企业用户可以申报", "only an enterprise user applies"),
        [AccessRight.ReviewApplication] = new(Officers, "只有县、市、省级主管部门可以审核申报", "only county, city and province officers decide on applications"),
        [AccessRight.VerifyDeclaredValues] = new(Officers, "只有主管部门可以核实申报数据", "only an officer verifies declared values"),
        [AccessRight.AttachMaterial] = new([Roles.Enterprise, .. Officers], "只有申报企业或主管部门可以上传材料", "only the applying enterprise or an officer attaches materials"),
        [AccessRight.RecordObjection] = new(Officers, "只有主管部门可以登记异议", "only an officer records an objection"),
        [AccessRight.DecideAtProvince] = new([Roles.ProvinceOfficer], "只有省级主管部门可以作出此决定", "only a province officer takes this step"),
        [AccessRight.OpenRound] = new([Roles.ProvinceOfficer], "只有省级主管部门可以发起申报批次", "only a province officer opens a recognition round"),
        [AccessRight.DeclareAndScore] = new([Roles.Expert], "只有指派的评审专家可以声明或评分", "only an assigned expert declares and scores"),
        [AccessRight.ManagePools] = new(Officers, "只有主管部门可以管理培育库", "only officers manage cultivation pools"),
        [AccessRight.DecideRecognition] = new([Roles.ProvinceOfficer], "只有省级主管部门可以作出复核决定", "only a province officer keeps or revokes a recognition"),
        [AccessRight.AssignCommissioner] = new([Roles.Administrator, .. Officers], "只有主管部门可以指派服务专员", "only officers assign commissioners"),
        [AccessRight.RaiseRequest] = new([Roles.Enterprise], "只有企业用户可以提出诉求", "only an enterprise user raises a request"),
        [AccessRight.AnswerRequest] = new([Roles.Administrator, Roles.Commissioner, .. Officers], "只有主管部门和服务专员可以受理、答复诉求", "only officers and commissioners accept and answer requests"),
        [AccessRight.CloseRequest] = new([Roles.Enterprise], "只有提出诉求的企业可以评价办结", "only the enterprise closes its request"),
        [AccessRight.LogVisit] = new([Roles.Commissioner], "只有服务专员可以登记走访", "only a commissioner logs a visit"),
        [AccessRight.ManageConsent] = new([Roles.Enterprise, Roles.Administrator, .. Officers], "无权管理共享授权", "only the enterprise, officers and administrators manage consents"),
    };

    public static bool May(Actor actor, AccessRight right)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role is { } role && Table[right].Roles.Contains(role, StringComparer.Ordinal);
    }

    /// <summary>Null when the actor may; otherwise the refusal (code <c>forbidden.{right}</c>).</summary>
    public static Refusal? Require(Actor actor, AccessRight right)
    {
        if (May(actor, right))
        {
            return null;
        }
        var rule = Table[right];
        return Refusal.Forbidden("forbidden." + Code(right), rule.Zh, rule.En);
    }

    /// <summary>The roles that hold <paramref name="right"/> (for documentation and tests).</summary>
    public static IReadOnlyList<string> RolesFor(AccessRight right) => Table[right].Roles;

    private static string Code(AccessRight right) =>
        string.Concat(right.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
