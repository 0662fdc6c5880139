using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Application;

/// <summary>
/// The refusals of the use cases' steps. Who may take a step is the access matrix's (<see cref="AccessMatrix.MayTake"/>,
/// the one place the platform asks); this says what the others are told. The region side (which enterprises,
/// applications and requests an actor reaches) is the database's scope filter; a use case adds only what a scope
/// cannot say (a round of the officer's own province, say).
/// </summary>
public static class Access
{
    private sealed record Rule(string Zh, string En);

    private static readonly Dictionary<AccessRight, Rule> Table = new Dictionary<AccessRight, Rule>
    {
        [AccessRight.ApplyToRound] = new("只有企业用户可以申报", "only an enterprise user applies"),
        [AccessRight.ReviewApplication] = new("只有县、市、省级主管部门可以审核申报", "only county, city and province officers decide on applications"),
        [AccessRight.VerifyDeclaredValues] = new("只有主管部门可以核实申报数据", "only an officer verifies declared values"),
        [AccessRight.AttachMaterial] = new("只有申报企业或主管部门可以上传材料", "only the applying enterprise or an officer attaches materials"),
        [AccessRight.RecordObjection] = new("只有主管部门可以登记异议", "only an officer records an objection"),
        [AccessRight.DecideAtProvince] = new("只有省级主管部门可以作出此决定", "only a province officer takes this step"),
        [AccessRight.OpenRound] = new("只有省级主管部门可以发起申报批次", "only a province officer opens a recognition round"),
        [AccessRight.DeclareAndScore] = new("只有指派的评审专家可以声明或评分", "only an assigned expert declares and scores"),
        [AccessRight.ManagePools] = new("只有主管部门可以管理培育库", "only officers manage cultivation pools"),
        [AccessRight.DecideRecognition] = new("只有省级主管部门可以作出复核决定", "only a province officer keeps or revokes a recognition"),
        [AccessRight.AssignCommissioner] = new("只有主管部门可以指派服务专员", "only officers assign commissioners"),
        [AccessRight.RaiseRequest] = new("只有企业用户可以提出诉求", "only an enterprise user raises a request"),
        [AccessRight.AnswerRequest] = new("只有主管部门和服务专员可以受理、答复诉求", "only officers and commissioners accept and answer requests"),
        [AccessRight.CloseRequest] = new("只有提出诉求的企业可以评价办结", "only the enterprise closes its request"),
        [AccessRight.LogVisit] = new("只有服务专员可以登记走访", "only a commissioner logs a visit"),
        [AccessRight.ManageConsent] = new("无权管理共享授权", "only the enterprise, officers and administrators manage consents"),
        [AccessRight.ImportOfficialList] = new("只有管理员可以录入官方认定名单", "only an administrator enters an official list of recognitions"),
    };

    public static bool May(Actor actor, AccessRight right)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AccessMatrix.MayTake(AccessMatrix.KindOfRole(actor.Role), right);
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
    public static IReadOnlyList<string> RolesFor(AccessRight right) =>
        [.. Roles.All.Where(role => AccessMatrix.MayTake(AccessMatrix.KindOfRole(role), right))];

    private static string Code(AccessRight right) =>
        string.Concat(right.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
