using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Dynamic.DynamicHarness;

namespace Tidu.Web.Tests.Dynamic;

/// <summary>
/// A revocation bars the enterprise from applying for the same tier for the configured period (appsettings
/// DynamicManagement:RevocationBarYears = 3, cited): an application on the bar's last day is refused with the reason,
/// one on the day after is accepted. The demo enterprise user applies; the tier is innovative-sme, which no other test
/// applies for, and every date lies years ahead of today.
/// </summary>
public abstract class RevocationBarTests(TiduAppFixture app)
{
    private const string Tier = "innovative-sme";

    [Fact]
    public async Task An_application_inside_the_bar_is_refused_and_one_after_it_is_accepted()
    {
        Options(app).RevocationBarYears.ShouldBe(3);
        var code = await app.EnterpriseUserCreditCodeAsync();
        var revokedOn = Today.AddYears(2);
        var id = await SeedRecognitionAsync(app, code, Tier, revokedOn.AddDays(-100), revokedOn.AddDays(900));
        var revoked = await AtAsync(app, revokedOn, "zj-province", c => c.PostJsonAsync($"/api/v1/recognitions/{id}/decisions",
            new JsonObject { ["decision"] = "revoke", ["ground"] = "dishonesty", ["reason"] = "被列入严重失信主体名单" }));
        revoked.Status.ShouldBe(HttpStatusCode.OK, revoked.Text);
        var lastBarred = revokedOn.AddYears(3).AddDays(-1);

        using var province = await Sessions.LoginAsync(app, "zj-province");
        var round = await province.PostJsonAsync("/api/v1/rounds", new JsonObject
        {
            ["tier"] = Tier,
            ["title"] = "撤销后再次申报（测试）",
            ["opensOn"] = Iso(lastBarred.AddDays(-5)),
            ["closesOn"] = Iso(lastBarred.AddDays(5)),
            ["ruleSetVersion"] = RuleVersionOn(app, Tier, lastBarred),
            ["quotas"] = new JsonArray(new JsonObject { ["cityCode"] = "330100", ["quota"] = 1 }),
        });
        round.Status.ShouldBe(HttpStatusCode.Created, round.Text);
        var apply = new JsonObject { ["roundId"] = round.Json!["id"]!.GetValue<long>(), ["declaredTrue"] = true };

        var refused = await AtAsync(app, lastBarred, "enterprise", c => c.PostJsonAsync("/api/v1/applications", apply.DeepClone()));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain($"{Iso(lastBarred)} 前不得再次申报");
        refused.Json["title"]!.GetValue<string>().ShouldContain(Iso(revokedOn));
        refused.Json["detail"]!.GetValue<string>().ShouldContain($"until {Iso(lastBarred)} inclusive");

        var accepted = await AtAsync(app, lastBarred.AddDays(1), "enterprise", c => c.PostJsonAsync("/api/v1/applications", apply.DeepClone()));
        accepted.Status.ShouldBe(HttpStatusCode.Created, accepted.Text);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteRevocationBarTests(SqliteAppFixture app) : RevocationBarTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresRevocationBarTests(PostgresAppFixture app) : RevocationBarTests(app);
