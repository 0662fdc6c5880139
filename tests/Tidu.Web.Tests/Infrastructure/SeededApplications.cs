using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tidu.Data.Entities.Workflow;
using Tidu.Rules;

namespace Tidu.Web.Tests.Infrastructure;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>Applications put in place in a state, as the earlier levels would have left them, and the rule version they are taken on.</summary>
public static class SeededApplications
{
    /// <summary>
    /// An application of <paramref name="creditCode"/> in <paramref name="round"/>, in <paramref name="state"/>, with a
    /// pre-evaluation of the round's tier that qualifies or not (a reviewer approving one that does not needs an override).
    /// </summary>
    public static Task<long> SeedAsync(TiduAppFixture app, long round, string creditCode, ApplicationState state, DateOnly today, bool qualified = true, string tier = Applicants.Tier)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(async db =>
        {
            var enterprise = await db.Enterprises.SingleAsync(e => e.CreditCode == creditCode);
            var application = new Application
            {
                RoundId = round,
                EnterpriseId = enterprise.Id,
                State = state,
                DeclaredTrue = true,
                SubmittedAt = new DateTimeOffset(today.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero),
                PreEvaluation = new JsonObject { ["tiers"] = new JsonObject { [tier] = new JsonObject { ["qualified"] = qualified } } }.ToJsonString(),
                PreEvaluationQualified = qualified,
                PreEvaluationRuleVersion = RuleVersionOn(app, today, tier),
            };
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        });
    }

    /// <summary>The version of <paramref name="tier"/> in force on <paramref name="day"/> for a Zhejiang (上城区) enterprise, as "ruleSetId@versionId", read from the shipped rule library.</summary>
    public static string RuleVersionOn(TiduAppFixture app, DateOnly day, string tier = Applicants.Tier)
    {
        ArgumentNullException.ThrowIfNull(app);
        var library = app.App.Services.GetRequiredService<RuleLibrary>();
        var set = library.TiersFor("330102").Single(g => g[0].Id == tier).First(t => t.VersionOn(day) is not null);
        return $"{set.Id}@{set.VersionOn(day)!.Info.VersionId}";
    }
}
