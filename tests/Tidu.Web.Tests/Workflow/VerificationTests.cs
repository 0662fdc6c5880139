using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Workflow.ReviewFlow;

namespace Tidu.Web.Tests.Workflow;

/// <summary>
/// Declared versus verified values: the file the enterprise declared at application is kept as it was;
/// an officer's verified value is kept beside it (field, declared, verified, who, when, why) and the evaluation reviewers
/// decide on is re-run on the verified values. The edge used is the specialized-SME check of last year's R&amp;D expense
/// ≥ 100 万元 (工信部企业〔2022〕63号 附件2 一（二）): 100 passes, 99.99 fails.
/// </summary>
public abstract class VerificationTests(TiduAppFixture app)
{
    private const string ExpenseCheck = "specialized.rd.expense-y";

    [Fact]
    public async Task Verified_values_are_kept_apart_from_the_declared_ones_and_the_reviewers_evaluation_follows_them()
    {
        await using var flow = new ReviewFlow(app);
        var submittedAt = flow.Clock.GetUtcNow();
        var id = await flow.ApplyAsync(await flow.OpenRoundAsync());
        var lastYear = flow.Today.Year - 1;
        var field = $"/financials/{lastYear}/rdExpense";
        using var county = await flow.LoginAsync("sc-county");

        var (_, before, text) = await county.GetJsonAsync($"/api/v1/applications/{id}/verification");
        before.ShouldNotBeNull(text);
        before["declaredBy"]!.GetValue<string>().ShouldBe((await flow.ApplicantAsync()).UserName);
        before["declaredAt"]!.GetValue<DateTimeOffset>().ShouldBe(submittedAt);
        before["differences"]!.AsArray().ShouldBeEmpty();
        before["verifiedEvaluation"].ShouldBeNull();
        var declaredYear = before["declared"]!["financials"]!.AsArray().Single(y => y!["year"]!.GetValue<int>() == lastYear)!;
        var declaredExpense = declaredYear["rdExpense"]?.GetValue<decimal>();
        (Check(before["declaredEvaluation"]!)["actual"]?.GetValue<decimal>()).ShouldBe(declaredExpense);

        flow.Clock.Advance(TimeSpan.FromMinutes(30));
        var verifiedAt = flow.Clock.GetUtcNow();
        var atEdge = await VerifyAsync(county, id, field, 100m, 0);
        atEdge.Status.ShouldBe(HttpStatusCode.OK, atEdge.Text);
        Check(atEdge.Json!["verifiedEvaluation"]!)["actual"]!.GetValue<decimal>().ShouldBe(100m);
        Check(atEdge.Json["verifiedEvaluation"]!)["passed"]!.GetValue<bool>().ShouldBeTrue();
        var difference = atEdge.Json["differences"]!.AsArray().Single()!;
        difference["field"]!.GetValue<string>().ShouldBe(field);
        (difference["declared"]?.GetValue<decimal>()).ShouldBe(declaredExpense);
        difference["verified"]!.GetValue<decimal>().ShouldBe(100m);
        difference["verifiedBy"]!.GetValue<string>().ShouldBe("sc-county");
        difference["verifiedAt"]!.GetValue<DateTimeOffset>().ShouldBe(verifiedAt);
        difference["reason"]!.GetValue<string>().ShouldBe("据 2025 年度审计报告核实");

        var below = await VerifyAsync(county, id, field, 99.99m, 1);
        below.Status.ShouldBe(HttpStatusCode.OK, below.Text);
        Check(below.Json!["verifiedEvaluation"]!)["actual"]!.GetValue<decimal>().ShouldBe(99.99m);
        Check(below.Json["verifiedEvaluation"]!)["passed"]!.GetValue<bool>().ShouldBeFalse();
        below.Json["differences"]!.AsArray().Single()!["verified"]!.GetValue<decimal>().ShouldBe(99.99m);
        below.Json["history"]!.AsArray().Count.ShouldBe(2);
        // The declared file and its evaluation are as they were; so is the enterprise's own file.
        below.Json["declared"]!.ToJsonString().ShouldBe(before["declared"]!.ToJsonString());
        below.Json["declaredEvaluation"]!.ToJsonString().ShouldBe(before["declaredEvaluation"]!.ToJsonString());
        var stored = (await county.GetJsonAsync($"/api/v1/enterprises/{(await flow.ApplicantAsync()).CreditCode}")).Json!["financials"]!.AsArray()
            .Single(y => y!["year"]!.GetValue<int>() == lastYear)!;
        (stored["rdExpense"]?.GetValue<decimal>()).ShouldBe(declaredExpense);

        // The next decision is taken, and recorded, on the verified evaluation: the declared file qualifies, the verified one
        // does not, so approving needs an override.
        var refused = await DecideAsync(county, id, "approve", 2);
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.Text);
        refused.Json!["code"]!.GetValue<string>().ShouldBe("application.override-required");
        var approved = await county.PostJsonAsync($"/api/v1/applications/{id}/decisions",
            new JsonObject { ["decision"] = "approve", ["revision"] = 2, ["override"] = "研发费用差额系口径调整，实质符合" });
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        var traces = await app.WithDbAsync(db => db.ApplicationDecisions.Where(d => d.ApplicationId == id).OrderBy(d => d.Id)
            .Select(d => new { d.Decision, d.Actor, d.Reason, d.EvaluationTrace }).ToListAsync());
        traces.Select(t => t.Decision).ShouldBe(["submit", "verify", "verify", "approve"]);
        traces[2].Actor.ShouldBe("sc-county");
        traces[2].Reason!.ShouldContain(field);
        Check(JsonNode.Parse(traces[3].EvaluationTrace)!)["actual"]!.GetValue<decimal>().ShouldBe(99.99m);
    }

    [Fact]
    public async Task A_verification_needs_an_officer_a_known_field_a_reason_and_the_current_revision()
    {
        await using var flow = new ReviewFlow(app);
        var id = await flow.ApplyAsync(await flow.OpenRoundAsync());
        var field = $"/financials/{flow.Today.Year - 1}/operatingRevenue";
        using var county = await flow.LoginAsync("sc-county");
        using var enterprise = await flow.LoginAsync((await flow.ApplicantAsync()).UserName);
        using var other = await flow.LoginAsync("gs-county");

        (await VerifyAsync(enterprise, id, field, 1000m, 0)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await VerifyAsync(other, id, field, 1000m, 0)).Status.ShouldBe(HttpStatusCode.NotFound);
        var unknownYear = await VerifyAsync(county, id, "/financials/1990/operatingRevenue", 1000m, 0);
        unknownYear.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, unknownYear.Text);
        unknownYear.Json!["detail"]!.GetValue<string>().ShouldContain("no year 1990");
        (await VerifyAsync(county, id, "/creditCode", 1000m, 0)).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await VerifyAsync(county, id, field, 1000m, 0, reason: "")).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await VerifyAsync(county, id, field, 1000m, 5)).Status.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.VerifiedValues.CountAsync(v => v.ApplicationId == id))).ShouldBe(0);
    }

    private static JsonNode Check(JsonNode evaluation) =>
        evaluation["trace"] is { } trace ? Check(trace)
        : evaluation["tiers"]![Tier]!["checks"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == ExpenseCheck)!;

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> VerifyAsync(HttpClient client, long id, string field, decimal value, int revision,
        string reason = "据 2025 年度审计报告核实") =>
        client.PostJsonAsync($"/api/v1/applications/{id}/verified-values", new JsonObject { ["field"] = field, ["value"] = value, ["reason"] = reason, ["revision"] = revision });
}

[Collection(SqliteApp.Name)]
public sealed class SqliteVerificationTests(SqliteAppFixture app) : VerificationTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresVerificationTests(PostgresAppFixture app) : VerificationTests(app);
