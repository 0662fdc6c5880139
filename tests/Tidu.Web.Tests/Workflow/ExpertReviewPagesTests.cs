using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Infrastructure.PageForms;

namespace Tidu.Web.Tests.Workflow;

/// <summary>
/// Expert review on the application page (the same <c>ExpertReviewService</c> as the API, whose rules ExpertReviewTests
/// cover): the province sets the round's review from the form and assigns an expert from the list of expert users; the
/// expert's list holds only their assignment; the expert declares before the score sheet appears; a score outside an
/// item's points or a conflict without a statement is refused in Chinese and nothing is saved; the province reads the
/// scores and average and concludes. The configured sheet is four items of 25 points (appsettings Workflow:ExpertReview).
/// </summary>
public abstract partial class ExpertReviewPagesTests(TiduAppFixture app)
{
    private static readonly string[] Items = ["specialization", "refinement", "distinctiveness", "innovation"];

    [Fact]
    public async Task The_province_and_the_assigned_expert_run_the_expert_review_on_the_application_page()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        var id = await flow.CityRecommendedAsync(round);
        var other = await flow.SeedApplicationAsync(round, KnownEnterprises.Gongshu.CreditCode, ApplicationState.CityRecommended);
        var expertName = await flow.NewExpertAsync();
        var url = $"/Applications/{id}";

        using var province = await flow.LoginAsync("zj-province");
        var page = await province.GetPageAsync(url);
        HasTestId(page, "expert-review-settings").ShouldBeTrue();
        HasTestId(page, "assign-expert").ShouldBeFalse(); // nothing to assign to before the round's review is set
        var set = await province.PostFormAsync($"{url}?handler=SetExpertReview", page, Fields(("expertsPerApplication", "1"), ("passMark", "70")));
        set.Status.ShouldBe(HttpStatusCode.Redirect);
        var settings = await app.WithDbAsync(db => db.RoundExpertReviews.SingleAsync(r => r.RoundId == round));
        (settings.ExpertsPerApplication, settings.PassMark).ShouldBe((1, 70m));

        page = await province.GetPageAsync(url);
        TestIdText(page, "experts-per-application").ShouldBe("1");
        page.ShouldContain($"<option value=\"{expertName}\">"); // the new expert user is offered
        (await province.PostFormAsync($"{url}?handler=AssignExpert", page, Fields(("expert", expertName)))).Status.ShouldBe(HttpStatusCode.Redirect);

        // The expert's list: their assignment, not the other city-recommended application of the round.
        using var expert = await flow.LoginAsync(expertName);
        var list = await expert.GetPageAsync($"/Applications?round={round}");
        ApplicationRow().Matches(list).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ShouldBe([id]);
        using (var hidden = await expert.GetAsync(Http.Url($"/Applications/{other}"), TestContext.Current.CancellationToken))
        {
            hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Declaration first: no score sheet before it; a conflict needs a statement.
        page = await expert.GetPageAsync(url);
        HasTestId(page, "declaration-form").ShouldBeTrue();
        HasTestId(page, "score-form").ShouldBeFalse();
        var bare = await expert.PostFormAsync($"{url}?handler=Declare", page, Fields(("hasConflict", "true"), ("statement", " ")));
        bare.Status.ShouldBe(HttpStatusCode.OK);
        TestIdText(bare.Html, "message").ShouldBe("声明存在利益冲突时请说明关系");
        (await app.WithDbAsync(db => db.ExpertAssignments.SingleAsync(x => x.ApplicationId == id))).HasConflict.ShouldBeNull();
        (await expert.PostFormAsync($"{url}?handler=Declare", page, Fields(("hasConflict", "false")))).Status.ShouldBe(HttpStatusCode.Redirect);

        // The sheet: 25.5 on a 25-point item is refused, nothing saved; 25 (the item's maximum) is taken.
        page = await expert.GetPageAsync(url);
        HasTestId(page, "score-form").ShouldBeTrue();
        var over = await expert.PostFormAsync($"{url}?handler=Score", page, Scores("25.5", "20", "20", "10", "超出满分"));
        over.Status.ShouldBe(HttpStatusCode.OK);
        TestIdText(over.Html, "message").ShouldBe("评分不完整或超出分值范围，请逐项评分并填写评审意见");
        (await app.WithDbAsync(db => db.ExpertAssignments.SingleAsync(x => x.ApplicationId == id))).ScoredAt.ShouldBeNull();
        (await expert.PostFormAsync($"{url}?handler=Score", page, Scores("25", "20", "20", "5", "特色鲜明"))).Status.ShouldBe(HttpStatusCode.Redirect);
        page = await expert.GetPageAsync(url);
        HasTestId(page, "score-form").ShouldBeFalse();
        page.ShouldContain("<strong>70</strong>"); // 25 + 20 + 20 + 5
        (await app.WithDbAsync(db => db.ExpertAssignments.SingleAsync(x => x.ApplicationId == id))).TotalScore.ShouldBe(70m);

        // The province reads the sheet and the average (70, the pass mark: passed) and concludes.
        page = await province.GetPageAsync(url);
        var outcome = WebUtility.HtmlDecode(Regex.Match(page, "data-testid=\"expert-outcome\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value);
        Regex.Replace(Regex.Replace(outcome, "<[^>]+>", " "), "\\s+", " ").ShouldContain("平均分 70 · 通过");
        var revision = (await app.WithDbAsync(db => db.Applications.SingleAsync(a => a.Id == id))).Revision;
        (await province.PostFormAsync($"{url}?handler=Conclude", page, Fields(("revision", revision.ToString(CultureInfo.InvariantCulture))))).Status.ShouldBe(HttpStatusCode.Redirect);
        page = await province.GetPageAsync(url);
        TestIdText(page, "expert-concluded").ShouldContain("平均分 70（及格线 70），通过");
        HasTestId(page, "conclude-expert-review").ShouldBeFalse();
    }

    private static KeyValuePair<string, string>[] Fields(params (string Name, string Value)[] fields) => [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))];

    private static KeyValuePair<string, string>[] Scores(string a, string b, string c, string d, string comment) =>
        [.. Items.Zip([a, b, c, d]).Select(p => KeyValuePair.Create($"scores[{p.First}]", p.Second)), KeyValuePair.Create("comment", comment)];

    [GeneratedRegex("data-testid=\"application-(\\d+)\"")]
    private static partial Regex ApplicationRow();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteExpertReviewPagesTests(SqliteAppFixture app) : ExpertReviewPagesTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresExpertReviewPagesTests(PostgresAppFixture app) : ExpertReviewPagesTests(app);
