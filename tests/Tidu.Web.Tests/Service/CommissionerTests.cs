using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Service;

/// <summary>
/// Commissioners through the API on both providers. Expected levels are the texts': 浙政办发〔2022〕19号 二（十） — in
/// Zhejiang the city (设区市) equips hidden champions, little giants and single champions, the county specialized and
/// innovative SMEs; 湖北若干措施 十 — in Hubei the county equips every little giant; 工信部企业〔2021〕170号 （三十） —
/// everywhere every “专精特新” SME has one, a local duty (the county, unless a local rule names a higher level).
/// </summary>
public abstract class CommissionerTests(TiduAppFixture app)
{
    [Fact]
    public async Task The_level_that_must_assign_follows_the_texts_for_city_and_county_tiers()
    {
        var giant = await ServiceTestData.EnterpriseAsync(app, "330102", 9101, "little-giant", "specialized-sme");
        var specialized = await ServiceTestData.EnterpriseAsync(app, "330102", 9102, "specialized-sme");
        var innovative = await ServiceTestData.EnterpriseAsync(app, "330105", 9103, "innovative-sme");
        var hubeiGiant = await ServiceTestData.EnterpriseAsync(app, "420102", 9104, "little-giant");
        var hubeiSpecialized = await ServiceTestData.EnterpriseAsync(app, "420102", 9105, "specialized-sme");
        using var admin = await Sessions.LoginAsync(app, "admin");

        var g = (await admin.GetJsonAsync($"/api/v1/enterprises/{giant}/commissioner")).Json!;
        g["requirement"]!["level"]!.GetValue<string>().ShouldBe("city");
        g["assigningRegionCode"]!.GetValue<string>().ShouldBe("330100");
        g["requirement"]!["clauses"]!.AsArray().Select(c => c!["cite"]!.GetValue<string>()).First().ShouldContain("浙政办发〔2022〕19号 二（十）");

        var s = (await admin.GetJsonAsync($"/api/v1/enterprises/{specialized}/commissioner")).Json!;
        s["requirement"]!["level"]!.GetValue<string>().ShouldBe("county");
        s["assigningRegionCode"]!.GetValue<string>().ShouldBe("330102");
        var i = (await admin.GetJsonAsync($"/api/v1/enterprises/{innovative}/commissioner")).Json!;
        i["requirement"]!["level"]!.GetValue<string>().ShouldBe("county");
        i["assigningRegionCode"]!.GetValue<string>().ShouldBe("330105");

        var hg = (await admin.GetJsonAsync($"/api/v1/enterprises/{hubeiGiant}/commissioner")).Json!;
        hg["requirement"]!["level"]!.GetValue<string>().ShouldBe("county");
        hg["assigningRegionCode"]!.GetValue<string>().ShouldBe("420102");
        hg["requirement"]!["clauses"]![0]!["cite"]!.GetValue<string>().ShouldContain("湖北若干措施 十");
        var hs = (await admin.GetJsonAsync($"/api/v1/enterprises/{hubeiSpecialized}/commissioner")).Json!;
        hs["requirement"]!["level"]!.GetValue<string>().ShouldBe("county");
        hs["requirement"]!["clauses"]![0]!["cite"]!.GetValue<string>().ShouldContain("工信部企业〔2021〕170号");

        // The city's list of enterprises lacking a commissioner has the little giant, not the county's specialized SME.
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var lackingCity = (await city.GetJsonAsync("/api/v1/commissioners/lacking?level=city")).Json!.AsArray().Select(x => x!["creditCode"]!.GetValue<string>()).ToList();
        lackingCity.ShouldContain(giant);
        lackingCity.ShouldNotContain(specialized);
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var lackingCounty = (await county.GetJsonAsync("/api/v1/commissioners/lacking")).Json!.AsArray().Select(x => x!["creditCode"]!.GetValue<string>()).ToList();
        lackingCounty.ShouldContain(specialized);
        lackingCounty.ShouldNotContain(innovative); // 拱墅区, outside 上城区's scope
    }

    [Fact]
    public async Task A_little_giant_gets_a_city_commissioner_from_the_city_and_not_a_county_one()
    {
        var giant = await ServiceTestData.EnterpriseAsync(app, "330102", 9111, "little-giant");
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var byCounty = await county.PostJsonAsync($"/api/v1/enterprises/{giant}/commissioner", new JsonObject { ["commissioner"] = "hz-commissioner" });
        byCounty.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, byCounty.Text);
        byCounty.Json!["title"]!.GetValue<string>().ShouldContain("设区市");

        using var city = await Sessions.LoginAsync(app, "hz-city");
        var countyCommissioner = await city.PostJsonAsync($"/api/v1/enterprises/{giant}/commissioner", new JsonObject { ["commissioner"] = "sc-commissioner" });
        countyCommissioner.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, countyCommissioner.Text);
        countyCommissioner.Json!["detail"]!.GetValue<string>().ShouldContain("zj-2022-commissioner.city");

        var before = await WorkloadAsync(city, "hz-commissioner");
        var ok = await city.PostJsonAsync($"/api/v1/enterprises/{giant}/commissioner", new JsonObject { ["commissioner"] = "hz-commissioner" });
        ok.Status.ShouldBe(HttpStatusCode.OK, ok.Text);
        ok.Json!["level"]!.GetValue<string>().ShouldBe("city");
        ok.Json["ruleClause"]!.GetValue<string>().ShouldBe("zj-2022-commissioner.city");
        var after = await WorkloadAsync(city, "hz-commissioner");
        after.Enterprises.ShouldBe(before.Enterprises + 1);
        after.LittleGiants.ShouldBe(before.LittleGiants + 1);
        (await city.GetJsonAsync("/api/v1/commissioners/lacking")).Json!.AsArray().Select(x => x!["creditCode"]!.GetValue<string>()).ShouldNotContain(giant);
    }

    [Fact]
    public async Task Reassignment_needs_a_reason_and_keeps_who_when_from_to_and_why()
    {
        var code = await ServiceTestData.EnterpriseAsync(app, "330102", 9121, "specialized-sme");
        using var county = await Sessions.LoginAsync(app, "sc-county");
        (await county.PostJsonAsync($"/api/v1/enterprises/{code}/commissioner", new JsonObject { ["commissioner"] = "sc-commissioner" })).Status.ShouldBe(HttpStatusCode.OK);
        var noReason = await county.PostJsonAsync($"/api/v1/enterprises/{code}/commissioner", new JsonObject { ["commissioner"] = "sc-commissioner-b" });
        noReason.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noReason.Text);
        var moved = await county.PostJsonAsync($"/api/v1/enterprises/{code}/commissioner", new JsonObject { ["commissioner"] = "sc-commissioner-b", ["reason"] = "原专员岗位调整" });
        moved.Status.ShouldBe(HttpStatusCode.OK, moved.Text);

        var view = (await county.GetJsonAsync($"/api/v1/enterprises/{code}/commissioner")).Json!;
        var history = view["history"]!.AsArray();
        history.Count.ShouldBe(2);
        history[0]!["commissioner"]!.GetValue<string>().ShouldBe("sc-commissioner");
        history[0]!["endedBy"]!.GetValue<string>().ShouldBe("sc-county");
        history[0]!["endedAt"].ShouldNotBeNull();
        history[1]!["from"]!.GetValue<string>().ShouldBe("sc-commissioner");
        history[1]!["commissioner"]!.GetValue<string>().ShouldBe("sc-commissioner-b");
        history[1]!["assignedBy"]!.GetValue<string>().ShouldBe("sc-county");
        history[1]!["reason"]!.GetValue<string>().ShouldBe("原专员岗位调整");
        history[1]!["endedAt"].ShouldBeNull();
        view["current"]!["commissioner"]!.GetValue<string>().ShouldBe("sc-commissioner-b");

        // Audited with the enterprise's credit code: two inserts and the update that ended the first.
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == "CommissionerAssignment" && a.CreditCode == code).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["insert", "update", "insert"], ignoreOrder: true);

        // Another county neither sees nor assigns it.
        using var other = await Sessions.LoginAsync(app, "gs-county");
        (await other.GetJsonAsync($"/api/v1/enterprises/{code}/commissioner")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostJsonAsync($"/api/v1/enterprises/{code}/commissioner", new JsonObject { ["commissioner"] = "gs-commissioner", ["reason"] = "x" })).Status.ShouldBe(HttpStatusCode.NotFound);
        // A commissioner is not an officer: cannot assign.
        using var commissioner = await Sessions.LoginAsync(app, "sc-commissioner");
        (await commissioner.PostJsonAsync($"/api/v1/enterprises/{code}/commissioner", new JsonObject { ["commissioner"] = "sc-commissioner", ["reason"] = "x" })).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_hubei_little_giant_is_equipped_by_its_county_and_the_province_may_assign()
    {
        var code = await ServiceTestData.EnterpriseAsync(app, "420102", 9131, "little-giant");
        using var province = await Sessions.LoginAsync(app, "hb-province");
        var ok = await province.PostJsonAsync($"/api/v1/enterprises/{code}/commissioner", new JsonObject { ["commissioner"] = "ja-commissioner" });
        ok.Status.ShouldBe(HttpStatusCode.OK, ok.Text);
        ok.Json!["level"]!.GetValue<string>().ShouldBe("county");
        ok.Json["ruleClause"]!.GetValue<string>().ShouldBe("hb-2023-commissioner.county");
        using var zhejiang = await Sessions.LoginAsync(app, "zj-province");
        (await zhejiang.GetJsonAsync($"/api/v1/enterprises/{code}/commissioner")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await zhejiang.GetJsonAsync("/api/v1/commissioners")).Json!.AsArray().Select(c => c!["commissioner"]!.GetValue<string>()).ShouldNotContain("ja-commissioner");
    }

    [Fact]
    public async Task The_pages_show_workload_and_requests_in_chinese_within_scope()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        using var page = await city.GetAsync(Http.Url("/Service/Commissioners"), TestContext.Current.CancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("服务专员工作量");
        html.ShouldContain("hz-commissioner");
        html.ShouldContain("尚未配备服务专员的企业");
        html.ShouldNotContain("ja-commissioner"); // Hubei's commissioner is outside Hangzhou

        using var enterprise = await Sessions.LoginAsync(app, "enterprise");
        using var requests = await enterprise.GetAsync(Http.Url("/Service/Requests"), TestContext.Current.CancellationToken);
        requests.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await requests.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.ShouldContain("提出诉求");
        text.ShouldContain("金融服务");
        using var denied = await enterprise.GetAsync(Http.Url("/Service/Commissioners"), TestContext.Current.CancellationToken);
        denied.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    private static async Task<(int Enterprises, int LittleGiants)> WorkloadAsync(HttpClient client, string commissioner)
    {
        var rows = (await client.GetJsonAsync("/api/v1/commissioners")).Json!.AsArray();
        var row = rows.Single(r => r!["commissioner"]!.GetValue<string>() == commissioner)!;
        var byTier = row["byTier"]!.AsObject();
        return (row["enterprises"]!.GetValue<int>(), byTier.TryGetPropertyValue("little-giant", out var n) ? n!.GetValue<int>() : 0);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteCommissionerTests(SqliteAppFixture app) : CommissionerTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresCommissionerTests(PostgresAppFixture app) : CommissionerTests(app);
