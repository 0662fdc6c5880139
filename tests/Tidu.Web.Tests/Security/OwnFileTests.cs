using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// An enterprise user writes its own file and nothing else (the access matrix gives it the file write with the reach
/// "own"): through the API as through the page, it corrects its file where it is registered — it cannot move it to
/// another region, create another file, or write another enterprise's.
/// </summary>
public abstract class OwnFileTests(TiduAppFixture app)
{
    private static DateOnly Today => TestClock.Today;

    [Fact]
    public async Task An_enterprise_user_corrects_its_own_file_in_place_and_nothing_else()
    {
        var own = await Applicants.NewAsync(app, Today, qualifying: false);
        using var enterprise = await Sessions.LoginAsync(app, own.UserName);
        var url = $"/api/v1/enterprises/{own.CreditCode}";

        // Control: its own file, in its own region, with a corrected figure, is saved.
        var (ok, _, okText) = await enterprise.PutJsonAsync(url, Profiles.Minimal(own.CreditCode, own.Name, own.RegionCode, revenue: 4321m));
        ok.ShouldBe(HttpStatusCode.OK, okText);
        (await FileState.ReadAsync(app, own.CreditCode))!.Financials.ShouldContain("4321");
        var before = await FileState.ReadAsync(app, own.CreditCode);

        // Its own file moved to another county (whose officers would then answer for it) is refused and nothing changes.
        var (moved, _, movedText) = await enterprise.PutJsonAsync(url, Profiles.Minimal(own.CreditCode, own.Name, "330105", revenue: 5000m));
        moved.ShouldBe(HttpStatusCode.Forbidden, movedText);
        (await FileState.ReadAsync(app, own.CreditCode)).ShouldBe(before);

        // Another enterprise's file, stored or new, is not its to write.
        var other = KnownEnterprises.Shangcheng;
        var otherBefore = await FileState.ReadAsync(app, other.CreditCode);
        var (foreign, _, foreignText) = await enterprise.PutJsonAsync($"/api/v1/enterprises/{other.CreditCode}", Profiles.Minimal(other.CreditCode, "冒名修改有限公司", other.RegionCode));
        foreign.ShouldBe(HttpStatusCode.Forbidden, foreignText);
        (await FileState.ReadAsync(app, other.CreditCode)).ShouldBe(otherBefore);

        var fresh = CreditCodes.For(own.RegionCode, 810_100);
        var (created, _, createdText) = await enterprise.PutJsonAsync($"/api/v1/enterprises/{fresh}", Profiles.Minimal(fresh, "自行新建有限公司", own.RegionCode));
        created.ShouldBe(HttpStatusCode.Forbidden, createdText);
        (await app.WithDbAsync(db => db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.CreditCode == fresh))).ShouldBeFalse();
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteOwnFileTests(SqliteAppFixture app) : OwnFileTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresOwnFileTests(PostgresAppFixture app) : OwnFileTests(app);
