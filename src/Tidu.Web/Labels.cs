namespace Tidu.Web;

/// <summary>Chinese labels for identifiers shown in lists and exports (tier titles come from the rule files where a page has them).</summary>
public static class Labels
{
    public static string SizeClass(string? id) => id switch
    {
        "large" => "大型",
        "medium" => "中型",
        "small" => "小型",
        "micro" => "微型",
        null => "无法判定",
        _ => id,
    };

    public static string Tier(string? id) => id switch
    {
        null => "",
        "innovative-sme" => "创新型中小企业",
        "specialized-sme" => "专精特新中小企业",
        "little-giant" => "专精特新“小巨人”企业",
        "key-little-giant" => "重点“小巨人”企业",
        "hidden-champion" => "隐形冠军",
        "single-champion-enterprise" => "单项冠军示范企业",
        "single-champion-product" => "单项冠军产品",
        _ => id,
    };

    /// <summary>Where an application stands, as the people waiting on it say it.</summary>
    public static string State(Tidu.Data.Entities.Workflow.ApplicationState state) => state switch
    {
        Tidu.Data.Entities.Workflow.ApplicationState.Submitted => "待县级初审",
        Tidu.Data.Entities.Workflow.ApplicationState.Returned => "退回补正",
        Tidu.Data.Entities.Workflow.ApplicationState.CountyApproved => "待市级推荐",
        Tidu.Data.Entities.Workflow.ApplicationState.CityRecommended => "待省级审核",
        Tidu.Data.Entities.Workflow.ApplicationState.ExpertReview => "专家评审中",
        Tidu.Data.Entities.Workflow.ApplicationState.ExpertReviewed => "专家评审已汇总，待省级审核",
        Tidu.Data.Entities.Workflow.ApplicationState.ProvinceApproved => "待公示",
        Tidu.Data.Entities.Workflow.ApplicationState.Publicity => "公示中",
        Tidu.Data.Entities.Workflow.ApplicationState.Recognized => "已认定",
        Tidu.Data.Entities.Workflow.ApplicationState.Rejected => "未通过",
        _ => state.ToString(),
    };

    /// <summary>A step of the review chain (ApplicationDecision.Decision).</summary>
    public static string Decision(string decision) => decision switch
    {
        "submit" => "提交申报",
        "resubmit" => "重新提交",
        "approve" => "审核通过",
        "return" => "退回补正",
        "reject" => "不予通过",
        "recommend" => "推荐",
        "publicize" => "开始公示",
        "object" => "登记异议",
        "uphold-objection" => "异议成立",
        "dismiss-objection" => "异议不成立",
        "recognize" => "认定",
        "set-expert-review" => "设置专家评审",
        "assign-expert" => "指派评审专家",
        "declare-no-conflict" => "声明无利益冲突",
        "declare-conflict" => "声明利益冲突并回避",
        "score" => "专家评分",
        "expert-review" => "汇总专家评审",
        _ => decision,
    };

    /// <summary>The level that took a step (ApplicationDecision.Level).</summary>
    public static string Level(string level) => level switch
    {
        "enterprise" => "企业",
        "county" => "县级",
        "city" => "市级",
        "province" => "省级",
        "expert" => "评审专家",
        _ => level,
    };
}
