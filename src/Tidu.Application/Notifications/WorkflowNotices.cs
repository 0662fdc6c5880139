using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Application.Notifications;

/// <summary>
/// The notices each review-chain step sends: a submission goes to the county's queue, a county
/// approval to the city's, a recommendation to the province's; a return, rejection, publicity and recognition go to
/// the enterprise; an objection to the province. Read from the decisions about to be saved, so every path that
/// records a step notifies the same way.
/// </summary>
public static class WorkflowNotices
{
    public static void FromPendingDecisions(TiduDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = db.ChangeTracker.Entries<ApplicationDecision>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var d in pending)
        {
            var a = d.Application;
            var e = a.Enterprise;
            var what = $"{e.Name}（{e.CreditCode}）";
            var why = d.Reason is null ? "" : $"理由：{d.Reason}";
            var notice = (d.Level, d.Decision) switch
            {
                ("enterprise", _) => ("application-submitted", Recipient.CountyOf(e), $"新的申报待初审：{e.Name}", $"{what}提交了申报，请进行初审。"),
                ("county", "approve") => ("county-approved", Recipient.CityOf(e), $"申报待推荐：{e.Name}", $"{what}的申报已通过县级初审，请审核推荐。"),
                ("city", "recommend") => ("city-recommended", Recipient.ProvinceOf(e), $"申报待省级审核：{e.Name}", $"{what}的申报已获市级推荐，请审核。"),
                (_, "return") => ("application-returned", Recipient.EnterpriseOf(e), "申报被退回补正", $"您的申报被退回补正。{why}"),
                (_, "reject") or (_, "uphold-objection") => ("application-rejected", Recipient.EnterpriseOf(e), "申报未通过", $"您的申报未通过。{why}"),
                ("province", "approve") => ("province-approved", Recipient.EnterpriseOf(e), "申报已通过省级审核", "您的申报已通过省级审核，将进入公示。"),
                (_, "publicize") => ("publicity-started", Recipient.EnterpriseOf(e), "申报进入公示", $"您的申报进入公示。{d.Reason}"),
                (_, "object") => ("objection-raised", Recipient.ProvinceOf(e), $"公示异议待处理：{e.Name}", $"{what}公示期间收到异议。{why}"),
                (_, "recognize") => ("recognized", Recipient.EnterpriseOf(e), "已获认定", $"您已获认定。{d.Reason}"),
                _ => ((string, Recipient, string, string)?)null,
            };
            if (notice is { } n)
            {
                Notices.Add(db, d.At, n.Item1, n.Item2, e, n.Item3, n.Item4, null, application: a);
            }
        }
    }
}
