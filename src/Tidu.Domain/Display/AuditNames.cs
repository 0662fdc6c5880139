using System.Collections.Frozen;

namespace Tidu.Domain.Display;

/// <summary>
/// The audit trail as people read it: what was changed (the stored entity's name), how (新增/修改/删除), and by whom
/// when the actor is not a person (<c>system:startup</c> → 系统（启动）, <c>api-key:NAME</c> → 接口密钥“NAME”). A person's
/// actor is a login name: the platform shows their office instead (region and role), which only it can look up.
/// </summary>
public static class AuditNames
{
    private static readonly FrozenDictionary<string, string> Entities = Map(
        ("Enterprise", "企业档案"),
        ("EnterpriseFinancialYear", "年度财务数据"),
        ("EnterpriseRecognition", "梯度认定"),
        ("EnterpriseHonor", "荣誉资质"),
        ("ApiKey", "接口密钥"),
        ("Round", "申报批次"),
        ("RoundQuota", "推荐名额"),
        ("RoundExpertReview", "专家评审设置"),
        ("Application", "申报"),
        ("ApplicationDecision", "审核记录"),
        ("ApplicationDeclaration", "真实性声明"),
        ("ApplicationMaterial", "申报材料"),
        ("ApplicationObjection", "公示异议"),
        ("ExpertAssignment", "专家评审指派"),
        ("VerifiedValue", "核实数据"),
        ("SharingConsent", "名单共享授权"),
        ("ListPull", "名单调取"),
        ("CommissionerAssignment", "服务专员配备"),
        ("EnterpriseRequest", "企业诉求"),
        ("RequestEntry", "诉求办理记录"),
        ("Visit", "走访记录"),
        ("RecognitionReview", "认定复核"),
        ("PoolMembership", "培育库"),
        ("Notification", "消息"),
        ("TiduUser", "用户账号"),
        ("IdentityRole", "角色"),
        ("OfficialRecognitionCount", "官方公布认定数"));

    private static readonly FrozenDictionary<string, string> Actions = Map(("insert", "新增"), ("update", "修改"), ("delete", "删除"));

    /// <summary>The platform's own jobs (<c>system:NAME</c>).</summary>
    private static readonly FrozenDictionary<string, string> SystemJobs = Map(
        ("startup", "启动"),
        ("demo", "演示数据"),
        ("daily-evaluation", "每日评价"),
        ("re-review-notices", "复核提醒"),
        ("notification-email", "邮件通知"),
        ("escalation", "诉求超时升级"));

    /// <summary>Kinds of the steps of a request (诉求).</summary>
    private static readonly FrozenDictionary<string, string> RequestSteps = Map(
        ("submit", "提交"), ("accept", "受理"), ("reply", "答复"), ("close", "办结"), ("escalate", "超时升级"));

    /// <summary>Who may receive a shared list.</summary>
    private static readonly FrozenDictionary<string, string> Recipients = Map(("bank", "银行"), ("service-body", "服务机构"));

    public static string Entity(string entity) => Entities.GetValueOrDefault(entity, "其他记录");

    public static string Action(string action) => Actions.GetValueOrDefault(action, action);

    public static string RequestStep(string kind) => RequestSteps.GetValueOrDefault(kind, kind);

    public static string Recipient(string kind) => Recipients.GetValueOrDefault(kind, kind);

    /// <summary>True when <paramref name="actor"/> is a login name (a person), which the caller shows as the person's office.</summary>
    public static bool IsPerson(string actor) => !actor.StartsWith("system:", StringComparison.Ordinal) && !actor.StartsWith("api-key:", StringComparison.Ordinal);

    /// <summary>A job or API key as people read it; a login name is returned unchanged (see <see cref="IsPerson"/>).</summary>
    public static string Actor(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.StartsWith("system:", StringComparison.Ordinal))
        {
            var job = actor["system:".Length..];
            return $"系统（{SystemJobs.GetValueOrDefault(job, "自动任务")}）";
        }
        return actor.StartsWith("api-key:", StringComparison.Ordinal) ? $"接口密钥“{actor["api-key:".Length..]}”" : actor;
    }

    /// <summary>
    /// What one entry changed, named from its entity and natural key: "年度财务数据 2024年", "梯度认定 创新型中小企业（2023-03-01）",
    /// "荣誉资质 高新技术企业"; other keys are internal (ids, times) and not shown.
    /// </summary>
    public static string Subject(string entity, string? key)
    {
        var name = Entity(entity);
        if (string.IsNullOrEmpty(key))
        {
            return name;
        }
        switch (entity)
        {
            case "EnterpriseFinancialYear":
                return $"{name} {key}年";
            case "EnterpriseHonor":
                return $"{name} {DisplayNames.Honor(key)}";
            case "EnterpriseRecognition" or "RecognitionReview":
                var at = key.IndexOf('@', StringComparison.Ordinal);
                if (at > 0)
                {
                    var date = key[(at + 1)..];
                    var colon = date.IndexOf(':', StringComparison.Ordinal);
                    return $"{name} {DisplayNames.Tier(key[..at])}（{(colon < 0 ? date : date[..colon])} 认定）";
                }
                return name;
            case "PoolMembership":
                var tierEnd = key.IndexOf(':', StringComparison.Ordinal);
                return tierEnd > 0 ? $"{name} {DisplayNames.Tier(key[..tierEnd])}" : name;
            default:
                return name;
        }
    }

    private static FrozenDictionary<string, string> Map(params (string Id, string Name)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
}
