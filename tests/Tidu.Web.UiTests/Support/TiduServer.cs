using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Tidu.Web.UiTests.Support;

/// <summary>
/// The real web platform on a real socket (Kestrel on a free port) so a browser can reach it, with a throw-away
/// SQLite file seeded with the demo accounts and a few hundred demo enterprises.
/// </summary>
public sealed class TiduServer : WebApplicationFactory<Program>
{
    /// <summary>Few enough to seed in seconds, enough that the screening list has more than one page.</summary>
    private const int DemoEnterprises = 300;

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"tidu-ui-{Guid.NewGuid():N}.db");

    public TiduServer() => UseKestrel(0);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's clock (a fixed day moving on as the server runs, shifted by the tests that need it).</summary>
    public ShiftedClock Clock { get; } = new();

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel started without an address");
        // Kestrel reports the wildcard it bound ("http://127.0.0.1:port" or "http://[::]:port"); browse by loopback.
        BaseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Tidu", $"Data Source={_database}");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Demo:Seed", "true");
        // The browser talks plain http to this local server; production cookies are Secure (behind TLS).
        builder.UseSetting("Security:SecureCookies", "false");
        builder.UseSetting("Audit:HashKey", Tidu.Data.Auditing.AuditHashing.NewKeyText());
        builder.UseSetting("Audit:AnchorFile", _database + ".anchors");
        builder.UseSetting("Demo:Enterprises", DemoEnterprises.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            // Monday to Friday of every year, no holidays: the journeys shift the clock weeks ahead of its fixed day and
            // count working days without looking up the holidays near it. Holiday counting is tested in Tidu.Rules.Tests
            // and Tidu.Web.Tests (PublicityCalendarTests) on fixed dates.
            s.AddSingleton(Tidu.Rules.Calendar.WorkingDayCalendar.Of(
                Enumerable.Range(2000, 101).Select(y => new Tidu.Rules.Calendar.HolidayYear(y, "test:weekdays", new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), [])), []));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _database + ".anchors" })
        {
            File.Delete(file);
        }
        GC.SuppressFinalize(this);
    }
}
