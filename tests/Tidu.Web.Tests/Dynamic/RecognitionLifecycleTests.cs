using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Application.Dynamic;
using Tidu.Data.Entities.Dynamic;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Dynamic.DynamicHarness;

namespace Tidu.Web.Tests.Dynamic;

/// <summary>
/// Dynamic management of recognitions, with a faked clock: a recognition expires the day after its last
/// valid day; the re-review notice goes out on the day the configured lead time (appsettings DynamicManagement) is
/// reached and not the day before; the province keeps (validity extended by the configured years) or revokes with a
/// reason, each on an evaluation of the current file, audited. Recognitions are seeded years ahead, so nothing here
/// is valid on the today of other tests.
/// </summary>
public abstract class RecognitionLifecycleTests(TiduAppFixture app)
{
    private const string Tier = "specialized-sme";
    private static readonly string Gongshu = KnownEnterprises.Gongshu.CreditCode;

    [Fact]
    public async Task A_recognition_is_valid_on_its_last_day_and_expired_the_day_after()
    {
        var recognizedOn = Today.AddYears(4);
        var lastDay = recognizedOn.AddYears(3).AddDays(-1);
        var id = await SeedRecognitionAsync(app, Gongshu, Tier, recognizedOn, lastDay);

        var onLastDay = await AtAsync(app, lastDay, "hz-city", c => c.GetJsonAsync($"/api/v1/recognitions/{id}"));
        onLastDay.Status.ShouldBe(HttpStatusCode.OK, onLastDay.Text);
        // Within the lead time, so due for re-review — but not expired.
        onLastDay.Json!["recognition"]!["status"]!.GetValue<string>().ShouldBe(RecognitionStatus.ReReviewDue);
        var dayAfter = await AtAsync(app, lastDay.AddDays(1), "hz-city", c => c.GetJsonAsync($"/api/v1/recognitions/{id}"));
        dayAfter.Json!["recognition"]!["status"]!.GetValue<string>().ShouldBe(RecognitionStatus.Expired);
        dayAfter.Json["recognition"]!["statusLabel"]!.GetValue<string>().ShouldBe("已到期");

        // The list filters by the same status, on the same date.
        var expired = await AtAsync(app, lastDay.AddDays(1), "hz-city", c => c.GetJsonAsync($"/api/v1/recognitions?status=expired&tier={Tier}"));
        expired.Json!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldContain(id);
        var stillDue = await AtAsync(app, lastDay, "hz-city", c => c.GetJsonAsync($"/api/v1/recognitions?status=expired&tier={Tier}"));
        stillDue.Json!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ShouldNotContain(id);
        // Another county's officer does not see it.
        (await AtAsync(app, lastDay, "sc-county", c => c.GetJsonAsync($"/api/v1/recognitions/{id}"))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_re_review_notice_goes_out_on_the_lead_day_not_the_day_before_to_the_enterprise_once_and_to_its_province_in_one_digest()
    {
        var options = Options(app);
        options.ReReviewNoticeLeadDays.ShouldBe(90); // appsettings.json, with its citation
        options.ReReviewNoticeLeadCite.ShouldNotBeNullOrWhiteSpace();
        var recognizedOn = Today.AddYears(5);
        var lastDay = recognizedOn.AddYears(3).AddDays(-1);
        var id = await SeedRecognitionAsync(app, Gongshu, Tier, recognizedOn, lastDay);
        var noticeDay = lastDay.AddDays(-90);

        await IssueAsync(noticeDay.AddDays(-1));
        (await NoticesAsync(id)).ShouldBeEmpty();
        (await DigestsAsync(noticeDay)).ShouldBeEmpty();
        (await IssueAsync(noticeDay)).ShouldBeGreaterThanOrEqualTo(1);
        var sent = (await NoticesAsync(id)).Single();
        $"{sent.RecipientRole}|{sent.RecipientCreditCode}|{sent.Link}".ShouldBe($"enterprise|{Gongshu}|/Enterprises/{Gongshu}");
        sent.Body.ShouldContain(Iso(lastDay));
        sent.Body.ShouldContain("专精特新中小企业");
        // The province's officers get one digest of the day naming it, linking to the list of recognitions due.
        var digest = (await DigestsAsync(noticeDay)).Single();
        $"{digest.RecipientRole}|{digest.RecipientRegionCode}|{digest.Link}".ShouldBe($"province-officer|330000|/Recognitions?status={RecognitionStatus.ReReviewDue}");
        digest.Body.ShouldContain(Iso(lastDay));
        // Once: the next day's run sends nothing new for it.
        await IssueAsync(noticeDay.AddDays(1));
        (await NoticesAsync(id)).Count.ShouldBe(1);
        (await DigestsAsync(noticeDay.AddDays(1))).ShouldNotContain(n => n.Body.Contains(Iso(lastDay)));
    }

    [Fact]
    public async Task The_province_keeps_a_recognition_for_the_configured_years_and_revokes_another_with_a_ground_each_recorded_and_audited()
    {
        var recognizedOn = Today.AddYears(6);
        var lastDay = recognizedOn.AddYears(3).AddDays(-1);
        var kept = await SeedRecognitionAsync(app, Gongshu, Tier, recognizedOn, lastDay);
        var revoked = await SeedRecognitionAsync(app, Gongshu, "innovative-sme", recognizedOn, lastDay);
        var day = lastDay.AddDays(-10);

        // Only the province decides; a reason is required; a revocation needs a known ground.
        (await AtAsync(app, day, "hz-city", c => Decide(c, kept, "keep", null, "复核合格"))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await AtAsync(app, day, "zj-province", c => Decide(c, kept, "keep", null, " "))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var noGround = await AtAsync(app, day, "zj-province", c => Decide(c, revoked, "revoke", null, "复核不合格"));
        noGround.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noGround.Text);
        noGround.Json!["title"]!.GetValue<string>().ShouldContain("撤销须说明依据");

        var keep = await AtAsync(app, day, "zj-province", c => Decide(c, kept, "keep", null, "复核合格，重新予以确认"));
        keep.Status.ShouldBe(HttpStatusCode.OK, keep.Text);
        keep.Json!["recognition"]!["validUntil"]!.GetValue<string>().ShouldBe(Iso(lastDay.AddYears(3)));
        var k = keep.Json["reviews"]!.AsArray().Single()!;
        $"{k["decision"]}|{k["actor"]}|{k["decidedOn"]}|{k["validUntilBefore"]}|{k["reason"]}".ShouldBe($"keep|zj-province|{Iso(day)}|{Iso(lastDay)}|复核合格，重新予以确认");
        k["ruleVersion"]!.GetValue<string>().ShouldBe(RuleVersionOn(app, Tier, day));

        var revoke = await AtAsync(app, day, "zj-province", c => Decide(c, revoked, "revoke", "fraud", "申报材料弄虚作假"));
        revoke.Status.ShouldBe(HttpStatusCode.OK, revoke.Text);
        revoke.Json!["recognition"]!["status"]!.GetValue<string>().ShouldBe(RecognitionStatus.Revoked);
        revoke.Json["recognition"]!["validUntil"]!.GetValue<string>().ShouldBe(Iso(day.AddDays(-1)));
        var v = revoke.Json["reviews"]!.AsArray().Single()!;
        v["barredUntil"]!.GetValue<string>().ShouldBe(Iso(day.AddYears(3).AddDays(-1))); // 3 years from the revocation day, configured
        v["groundLabel"]!.GetValue<string>().ShouldBe("申报中弄虚作假");
        (await AtAsync(app, day, "zj-province", c => Decide(c, revoked, "revoke", "fraud", "再次撤销"))).Status.ShouldBe(HttpStatusCode.Conflict);

        var stored = await app.WithDbAsync(db => db.RecognitionReviews.AsNoTracking().Where(r => r.RecognitionId == kept || r.RecognitionId == revoked).ToListAsync());
        stored.Count.ShouldBe(2);
        stored.ShouldAllBe(r => r.EvaluationTrace.Contains(r.Tier));
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == nameof(RecognitionReview) && a.CreditCode == Gongshu && a.Actor == "zj-province"));
        audits.ShouldBeGreaterThanOrEqualTo(2);
        // The revocation reached the enterprise and its county's officers, and no other county.
        var notices = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == "recognition-revoked" && n.Link == $"/Enterprises/{Gongshu}" && n.Body.Contains(Iso(day))).ToListAsync());
        notices.Select(n => $"{n.RecipientRole}|{n.RecipientRegionCode}|{n.RecipientCreditCode}").Order().ShouldBe(["county-officer|330105|", $"enterprise||{Gongshu}"]);
    }

    private static Task<(HttpStatusCode, JsonNode?, string)> Decide(HttpClient c, long id, string decision, string? ground, string? reason) =>
        c.PostJsonAsync($"/api/v1/recognitions/{id}/decisions", new JsonObject { ["decision"] = decision, ["ground"] = ground, ["reason"] = reason });

    private Task<int> IssueAsync(DateOnly today) =>
        app.WithDbAsync(db => ReReviewNotices.IssueAsync(db, today, Options(app), TestClock.At(today), CancellationToken.None));

    private Task<List<Notification>> NoticesAsync(long recognition) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == "re-review-notice" && n.Key!.StartsWith($"re-review:{recognition}:")).ToListAsync());

    private Task<List<Notification>> DigestsAsync(DateOnly day) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == "re-review-digest" && n.Key!.StartsWith($"re-review-digest:330000:{Iso(day)}:")).ToListAsync());
}

[Collection(SqliteApp.Name)]
public sealed class SqliteRecognitionLifecycleTests(SqliteAppFixture app) : RecognitionLifecycleTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresRecognitionLifecycleTests(PostgresAppFixture app) : RecognitionLifecycleTests(app);
