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
}
