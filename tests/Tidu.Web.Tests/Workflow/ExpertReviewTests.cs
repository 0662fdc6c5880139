using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Workflow.ReviewFlow;

namespace Tidu.Web.Tests.Workflow;

/// <summary>
/// Expert review (专家评审, docs/procedure.md: the province organises experts after the city's review, before
/// publicity): the province assigns experts to city-recommended applications; an expert sees only what is assigned
/// to them, declares a conflict of interest or none, then scores each item of the round's sheet with a comment; the
/// province concludes on the average against the round's pass mark, and only a passed review can be approved. The
/// sheet is the configured one: four items of 25 points (appsettings Workflow:ExpertReview).
/// </summary>
public abstract class ExpertReviewTests(TiduAppFixture app)
{
    [Fact]
    public async Task An_expert_sees_only_the_applications_assigned_to_them_and_everything_else_is_a_404()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        await flow.SetExpertReviewAsync(round, experts: 2, passMark: 60);
        var assigned = await flow.CityRecommendedAsync(round);
        var other = await flow.SeedApplicationAsync(round, KnownEnterprises.Gongshu.CreditCode, ApplicationState.CityRecommended);
        var expert = await flow.NewExpertAsync();
        var idle = await flow.NewExpertAsync();
        using var province = await flow.LoginAsync("zj-province");
        (await AssignAsync(province, assigned, expert)).Status.ShouldBe(HttpStatusCode.OK);

        using var mine = await flow.LoginAsync(expert);
        var (status, list, text) = await mine.GetJsonAsync("/api/v1/applications");
        status.ShouldBe(HttpStatusCode.OK, text);
        list!.AsArray().Select(a => a!["id"]!.GetValue<long>()).ShouldBe([assigned]);
        (await mine.GetJsonAsync($"/api/v1/applications/{assigned}")).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var url in new[] { $"/api/v1/applications/{other}", $"/api/v1/applications/{other}/expert-review", $"/api/v1/applications/{other}/materials" })
        {
            (await mine.GetJsonAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound, url);
        }
        // The officers' verification of declared values is not the expert's to read (the access matrix), assigned or not.
        (await mine.GetJsonAsync($"/api/v1/applications/{assigned}/verification")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await mine.PostJsonAsync($"/api/v1/applications/{other}/expert-review/declaration", new JsonObject { ["hasConflict"] = false })).Status.ShouldBe(HttpStatusCode.NotFound);
        // The expert's assignment grants the application, not the enterprise's file through the registry API.
        (await mine.GetJsonAsync($"/api/v1/enterprises/{KnownEnterprises.Gongshu.CreditCode}")).Status.ShouldBe(HttpStatusCode.Forbidden);

        // Another expert, assigned nothing, sees nothing.
        using var stranger = await flow.LoginAsync(idle);
        (await stranger.GetJsonAsync("/api/v1/applications")).Json!.AsArray().ShouldBeEmpty();
        (await stranger.GetJsonAsync($"/api/v1/applications/{assigned}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ScoreAsync(stranger, assigned, 25, 25, 25, 25)).Status.ShouldBe(HttpStatusCode.NotFound);

        // The expert sees their own assignment only; the enterprise does not read the review at all (it reads the group's
        // conclusion on its application); the province sees all.
        (await mine.GetJsonAsync($"/api/v1/applications/{assigned}/expert-review")).Json!["assignments"]!.AsArray().Single()!["expert"]!.GetValue<string>().ShouldBe(expert);
        using var enterprise = await flow.LoginAsync((await flow.ApplicantAsync()).UserName);
        (await enterprise.GetJsonAsync($"/api/v1/applications/{assigned}/expert-review")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await province.GetJsonAsync($"/api/v1/applications/{assigned}/expert-review")).Json!["assignments"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_declared_or_detected_conflict_of_interest_refuses_the_assignment_or_the_score_with_a_clear_message()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        await flow.SetExpertReviewAsync(round, experts: 1, passMark: 60);
        var id = await flow.CityRecommendedAsync(round);
        var creditCode = (await flow.ApplicantAsync()).CreditCode;
        using var province = await flow.LoginAsync("zj-province");

        // Detected: the expert works for the applying enterprise (organisation credit code on the account).
        var insider = await flow.NewExpertAsync(organisationCreditCode: creditCode);
        var refused = await AssignAsync(province, id, insider);
        refused.Status.ShouldBe(HttpStatusCode.Conflict, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain("利益冲突");
        refused.Json["detail"]!.GetValue<string>().ShouldContain(creditCode);
        (await app.WithDbAsync(db => db.ExpertAssignments.CountAsync(x => x.ApplicationId == id))).ShouldBe(0);

        // Declared: scoring before any declaration is refused; after a declared conflict too.
        var expert = await flow.NewExpertAsync();
        (await AssignAsync(province, id, expert)).Status.ShouldBe(HttpStatusCode.OK);
        using var client = await flow.LoginAsync(expert);
        var undeclared = await ScoreAsync(client, id, 20, 20, 20, 20);
        undeclared.Status.ShouldBe(HttpStatusCode.Conflict, undeclared.Text);
        undeclared.Json!["title"]!.GetValue<string>().ShouldContain("请先声明");
        var noStatement = await DeclareAsync(client, id, true, null);
        noStatement.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noStatement.Text);
        (await DeclareAsync(client, id, true, "本人曾任该企业技术顾问")).Status.ShouldBe(HttpStatusCode.OK);
        var conflicted = await ScoreAsync(client, id, 20, 20, 20, 20);
        conflicted.Status.ShouldBe(HttpStatusCode.Conflict, conflicted.Text);
        conflicted.Json!["title"]!.GetValue<string>().ShouldContain("利益冲突，不能评分");
        (await app.WithDbAsync(db => db.ExpertAssignments.SingleAsync(x => x.ApplicationId == id))).ScoredAt.ShouldBeNull();

        // The expert is not assigned again; the recused place goes to another expert (the round asks for one).
        (await AssignAsync(province, id, expert)).Status.ShouldBe(HttpStatusCode.Conflict);
        var replacement = await flow.NewExpertAsync();
        (await AssignAsync(province, id, replacement)).Status.ShouldBe(HttpStatusCode.OK);
        var third = await AssignAsync(province, id, await flow.NewExpertAsync());
        third.Status.ShouldBe(HttpStatusCode.Conflict, third.Text); // 1 active of 1 asked for: no more
        third.Json!["title"]!.GetValue<string>().ShouldContain("专家人数 1");

        // The declaration is a step of the application, by the expert.
        var decisions = (await province.GetJsonAsync($"/api/v1/applications/{id}")).Json!["decisions"]!.AsArray();
        decisions.Select(d => $"{d!["level"]}:{d["decision"]}").ShouldContain("expert:declare-conflict");
        decisions.Single(d => d!["decision"]!.GetValue<string>() == "declare-conflict")!["actor"]!.GetValue<string>().ShouldBe(expert);
    }

    [Fact]
    public async Task Scores_are_recorded_per_item_and_averaged_and_an_average_exactly_at_the_pass_mark_passes()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        await flow.SetExpertReviewAsync(round, experts: 2, passMark: 60);
        var id = await flow.CityRecommendedAsync(round);
        var (a, b) = (await flow.NewExpertAsync(), await flow.NewExpertAsync());
        using var province = await flow.LoginAsync("zj-province");
        (await AssignAsync(province, id, a)).Status.ShouldBe(HttpStatusCode.OK);
        (await AssignAsync(province, id, b)).Status.ShouldBe(HttpStatusCode.OK);
        using var first = await flow.LoginAsync(a);
        using var second = await flow.LoginAsync(b);
        (await DeclareAsync(first, id, false, null)).Status.ShouldBe(HttpStatusCode.OK);
        (await DeclareAsync(second, id, false, null)).Status.ShouldBe(HttpStatusCode.OK);

        // Each item within 0..25, every item, and a comment.
        (await ScoreAsync(first, id, 26, 20, 15, 10)).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ScoreAsync(first, id, -1, 20, 15, 10)).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ScoreAsync(first, id, 25, 20, 15, 10, comment: " ")).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var partial = await first.PostJsonAsync($"/api/v1/applications/{id}/expert-review/scores",
            new JsonObject { ["scores"] = new JsonObject { ["specialization"] = 25 }, ["comment"] = "只评一项" });
        partial.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, partial.Text);
        partial.Json!["detail"]!.GetValue<string>().ShouldContain("innovation");

        flow.Clock.Advance(TimeSpan.FromHours(1));
        var scoredAt = flow.Clock.GetUtcNow();
        var scored = await ScoreAsync(first, id, 25, 20, 15, 10); // 70
        scored.Status.ShouldBe(HttpStatusCode.OK, scored.Text);
        scored.Json!["totalScore"]!.GetValue<decimal>().ShouldBe(70m);
        (await ScoreAsync(first, id, 25, 25, 25, 25)).Status.ShouldBe(HttpStatusCode.Conflict); // a score is not changed

        // Each assignment was a step (revision 2 → 4) and put the application under expert review, where the province
        // cannot approve; the review waits for both scores.
        (await province.GetJsonAsync($"/api/v1/applications/{id}")).Json!["state"]!.GetValue<string>().ShouldBe("ExpertReview");
        var notYet = await DecideAsync(province, id, "approve", 4);
        notYet.Status.ShouldBe(HttpStatusCode.Conflict, notYet.Text);
        notYet.Json!["code"]!.GetValue<string>().ShouldBe("application.state-not-allowed");
        var early = await ConcludeAsync(province, id, 4);
        early.Status.ShouldBe(HttpStatusCode.Conflict, early.Text);
        early.Json!["title"]!.GetValue<string>().ShouldContain("已评 1 位，本批次需要 2 位");

        (await ScoreAsync(second, id, 15, 15, 10, 10)).Status.ShouldBe(HttpStatusCode.OK); // 50: average (70 + 50) / 2 = 60
        var review = (await province.GetJsonAsync($"/api/v1/applications/{id}/expert-review")).Json!;
        review["scored"]!.GetValue<int>().ShouldBe(2);
        review["average"]!.GetValue<decimal>().ShouldBe(60m);
        review["passed"]!.GetValue<bool>().ShouldBeTrue(); // the pass mark is inclusive
        var itemsOfA = review["assignments"]!.AsArray().Single(x => x!["expert"]!.GetValue<string>() == a)!;
        itemsOfA["itemScores"]!.ToJsonString().ShouldBe("""{"specialization":25,"refinement":20,"distinctiveness":15,"innovation":10}""");
        itemsOfA["scoredAt"]!.GetValue<DateTimeOffset>().ShouldBe(scoredAt);

        var concluded = await ConcludeAsync(province, id, 4);
        concluded.Status.ShouldBe(HttpStatusCode.OK, concluded.Text);
        concluded.Json!["revision"]!.GetValue<int>().ShouldBe(5);
        concluded.Json["state"]!.GetValue<string>().ShouldBe("ExpertReviewed");
        var approved = await DecideAsync(province, id, "approve", 5);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);

        // Every step with actor, time, reason and rule version; the trace the decision was taken on is kept.
        var steps = approved.Json!["decisions"]!.AsArray();
        var score = steps.First(d => d!["decision"]!.GetValue<string>() == "score")!;
        score["actor"]!.GetValue<string>().ShouldBe(a);
        score["level"]!.GetValue<string>().ShouldBe("expert");
        score["at"]!.GetValue<DateTimeOffset>().ShouldBe(scoredAt);
        score["reason"]!.GetValue<string>().ShouldContain("评分 70");
        score["ruleVersion"]!.GetValue<string>().ShouldBe(flow.RuleVersionToday());
        var conclusion = steps.Single(d => d!["decision"]!.GetValue<string>() == "expert-review")!;
        conclusion["reason"]!.GetValue<string>().ShouldBe("专家评审：2 位专家平均分 60（及格线 60），通过");
        var traces = await app.WithDbAsync(db => db.ApplicationDecisions.Where(d => d.ApplicationId == id && d.Level == "expert").Select(d => d.EvaluationTrace).ToListAsync());
        traces.ShouldAllBe(t => t.Contains(Tier));
    }

    [Fact]
    public async Task An_average_below_the_pass_mark_fails_and_the_province_cannot_approve()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        await flow.SetExpertReviewAsync(round, experts: 2, passMark: 60);
        var id = await flow.CityRecommendedAsync(round);
        var (a, b) = (await flow.NewExpertAsync(), await flow.NewExpertAsync());
        using var province = await flow.LoginAsync("zj-province");
        (await AssignAsync(province, id, a)).Status.ShouldBe(HttpStatusCode.OK);
        (await AssignAsync(province, id, b)).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var (expert, points) in new[] { (a, 60m), (b, 59m) }) // average 59.5, half a point under
        {
            using var client = await flow.LoginAsync(expert);
            (await DeclareAsync(client, id, false, "无利益关系")).Status.ShouldBe(HttpStatusCode.OK);
            (await ScoreAsync(client, id, 15, 15, 15, points - 45)).Status.ShouldBe(HttpStatusCode.OK);
        }

        var concluded = await ConcludeAsync(province, id, 4); // two assignments: revision 2 → 4
        concluded.Status.ShouldBe(HttpStatusCode.OK, concluded.Text);
        concluded.Json!["decisions"]!.AsArray().Last()!["reason"]!.GetValue<string>().ShouldBe("专家评审：2 位专家平均分 59.5（及格线 60），未通过");
        var refused = await DecideAsync(province, id, "approve", 5);
        refused.Status.ShouldBe(HttpStatusCode.Conflict, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain("低于及格线");
        (await DecideAsync(province, id, "reject", 5, "专家评审未通过")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> AssignAsync(HttpClient province, long id, string expert) =>
        province.PostJsonAsync($"/api/v1/applications/{id}/experts", new JsonObject { ["expert"] = expert });

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> DeclareAsync(HttpClient expert, long id, bool conflict, string? statement) =>
        expert.PostJsonAsync($"/api/v1/applications/{id}/expert-review/declaration", new JsonObject { ["hasConflict"] = conflict, ["statement"] = statement });

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> ConcludeAsync(HttpClient province, long id, int revision) =>
        province.PostJsonAsync($"/api/v1/applications/{id}/expert-review/conclude", new JsonObject { ["revision"] = revision });

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> ScoreAsync(HttpClient expert, long id, decimal specialization, decimal refinement,
        decimal distinctiveness, decimal innovation, string comment = "技术路线清晰，市场地位有待加强") =>
        expert.PostJsonAsync($"/api/v1/applications/{id}/expert-review/scores", new JsonObject
        {
            ["scores"] = new JsonObject
            {
                ["specialization"] = specialization,
                ["refinement"] = refinement,
                ["distinctiveness"] = distinctiveness,
                ["innovation"] = innovation,
            },
            ["comment"] = comment,
        });
}

[Collection(SqliteApp.Name)]
public sealed class SqliteExpertReviewTests(SqliteAppFixture app) : ExpertReviewTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresExpertReviewTests(PostgresAppFixture app) : ExpertReviewTests(app);
