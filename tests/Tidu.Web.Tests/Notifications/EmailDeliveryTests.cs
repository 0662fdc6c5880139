using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Application.Notifications;
using Tidu.Application.Notifications.Email;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Identity;
using Tidu.Web.Adapters;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Notifications;

/// <summary>
/// Optional e-mail copies of notifications: off unless configured; when on, each recipient of a notice gets exactly one
/// mail; a failing mail server is retried and never loses the notice; a user outside the notice's region gets nothing.
/// The mailer is run directly with a fake sender and clock.
/// </summary>
/// <remarks>
/// The dispatcher mails every notice not yet queued, of any test. On the database the provider's other tests share,
/// notices those tests dated after this class's clock (their own fake clocks run years ahead) were queued too, so the
/// one failure the retry test's server allows could hit another test's mail and this test's notice went out at once.
/// Each provider's class therefore has an app and a database of its own.
/// </remarks>
public abstract class EmailDeliveryTests(TiduAppFixture app)
{
    // Far from the other tests' notices (created on the shared app's clock), which are then older than MaxAge and never mailed.
    private static readonly DateTimeOffset Start = new(2031, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Email_is_off_by_default_and_then_sends_nothing()
    {
        await GiveAddressesAsync();
        var title = Unique("默认关闭");
        var clock = new FakeTimeProvider(Start);
        var id = await NoticeAsync(clock.GetUtcNow(), e => Recipient.CountyOf(e), title);
        var defaults = app.App.Services.GetRequiredService<IOptions<EmailOptions>>();
        defaults.Value.Enabled.ShouldBeFalse();
        var sender = new FakeSender();

        var outcome = await new NotificationMailer(new WebSystemRunner(Scopes), sender, clock, defaults, NullLogger<NotificationMailer>.Instance).RunOnceAsync(TestContext.Current.CancellationToken);

        outcome.ShouldBe(new MailRun(0, 0, 0));
        sender.Delivered.ShouldBeEmpty();
        (await RowsAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Enabled_each_recipient_gets_one_mail_with_the_notice_and_a_second_run_sends_nothing_again()
    {
        await GiveAddressesAsync();
        var clock = new FakeTimeProvider(Start.AddDays(10));
        var toCounty = Unique("待初审");
        var toEnterprise = Unique("已获认定");
        await NoticeAsync(clock.GetUtcNow(), e => Recipient.CountyOf(e), toCounty, "某企业提交了申报，请进行初审。");
        await NoticeAsync(clock.GetUtcNow(), e => Recipient.EnterpriseOf(e), toEnterprise, "您已获认定。");
        var sender = new FakeSender();
        var dispatcher = Dispatcher(sender, clock);

        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        var county = sender.Delivered.Where(m => m.Subject.Contains(toCounty, StringComparison.Ordinal)).ToList();
        county.Select(m => m.To).ShouldBe(["sc-county@tidu.test"]); // not gs-county (another county), not the city
        county[0].Subject.ShouldBe($"【梯度平台】{toCounty}");
        county[0].Body.ShouldStartWith("某企业提交了申报，请进行初审。");
        county[0].Body.ShouldContain("https://tidu.test/Notifications");
        sender.Delivered.Where(m => m.Subject.Contains(toEnterprise, StringComparison.Ordinal)).Select(m => m.To).ShouldBe(["enterprise@tidu.test"]);
    }

    [Fact]
    public async Task A_failing_server_is_retried_after_the_delay_and_the_notice_stays_in_the_inbox()
    {
        await GiveAddressesAsync();
        var clock = new FakeTimeProvider(Start.AddDays(20));
        var title = Unique("重试");
        var id = await NoticeAsync(clock.GetUtcNow(), e => Recipient.CountyOf(e), title);
        var sender = new FakeSender { FailuresLeft = 1 };
        var dispatcher = Dispatcher(sender, clock);

        var first = await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        first.Failed.ShouldBe(1);
        var failed = (await RowsAsync(id)).Single();
        (failed.State, failed.Attempts, failed.LastError).ShouldBe((NotificationEmailStates.Pending, 1, "550 mailbox unavailable (test)"));
        (await InboxHasAsync("sc-county", title)).ShouldBeTrue();

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1)); // RetryDelay not yet over
        (await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(new MailRun(0, 0, 0));
        clock.Advance(TimeSpan.FromSeconds(1));
        (await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken)).Sent.ShouldBe(1);
        clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        sender.Delivered.Count(m => m.Subject.Contains(title, StringComparison.Ordinal)).ShouldBe(1);
        var sent = (await RowsAsync(id)).Single();
        (sent.State, sent.Attempts, sent.LastError).ShouldBe((NotificationEmailStates.Sent, 2, (string?)null));
        (await InboxHasAsync("sc-county", title)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_server_failing_every_time_is_given_up_after_the_configured_attempts_and_the_notice_stays()
    {
        await GiveAddressesAsync();
        var clock = new FakeTimeProvider(Start.AddDays(30));
        var title = Unique("放弃");
        var id = await NoticeAsync(clock.GetUtcNow(), e => Recipient.CountyOf(e), title);
        var sender = new FakeSender { FailuresLeft = int.MaxValue };
        var dispatcher = Dispatcher(sender, clock, maxAttempts: 2);

        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(5)); // first retry after RetryDelay
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(1));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        sender.Attempts.Count(m => m.Subject.Contains(title, StringComparison.Ordinal)).ShouldBe(2);
        var row = (await RowsAsync(id)).Single();
        (row.State, row.Attempts).ShouldBe((NotificationEmailStates.Failed, 2));
        (await InboxHasAsync("sc-county", title)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_user_of_another_region_gets_no_mail_even_when_addressed()
    {
        await GiveAddressesAsync();
        var clock = new FakeTimeProvider(Start.AddDays(40));
        var title = Unique("越界");
        // Addressed to 拱墅区's queue but about an enterprise of 上城区: 拱墅区 cannot see it, so it is not mailed there.
        var id = await NoticeAsync(clock.GetUtcNow(), _ => Recipient.Officers(Roles.CountyOfficer, "330105"), title);
        var named = await NoticeAsync(clock.GetUtcNow(), _ => new Recipient("gs-county", null, null, null), title + "（点名）");
        var sender = new FakeSender();

        await Dispatcher(sender, clock).RunOnceAsync(TestContext.Current.CancellationToken);

        sender.Delivered.Where(m => m.Subject.Contains(title, StringComparison.Ordinal)).ShouldBeEmpty();
        (await RowsAsync(id)).ShouldBeEmpty();
        (await RowsAsync(named)).ShouldBeEmpty();
    }

    private IServiceScopeFactory Scopes => app.App.Services.GetRequiredService<IServiceScopeFactory>();

    private NotificationMailer Dispatcher(IEmailSender sender, TimeProvider clock, int maxAttempts = 5) =>
        new(new WebSystemRunner(Scopes), sender, clock, Options.Create(new EmailOptions
        {
            Enabled = true,
            Host = "smtp.tidu.test",
            From = "noreply@tidu.test",
            BaseUrl = "https://tidu.test/",
            RetryDelay = TimeSpan.FromMinutes(5),
            MaxAttempts = maxAttempts,
        }), NullLogger<NotificationMailer>.Instance);

    private static string Unique(string title) => $"{title}-{Guid.NewGuid():N}"[..(title.Length + 9)];

    private Task GiveAddressesAsync() => app.WithDbAsync(async db =>
    {
        foreach (var u in await db.Users.Where(u => u.UserName == "sc-county" || u.UserName == "gs-county" || u.UserName == "enterprise" || u.UserName == "hz-city").ToListAsync())
        {
            u.Email = $"{u.UserName}@tidu.test";
        }
        await db.SaveChangesAsync();
    });

    /// <summary>A notice about the demo enterprise user's own enterprise (in 上城区 330102).</summary>
    private async Task<long> NoticeAsync(DateTimeOffset at, Func<Enterprise, Recipient> to, string title, string body = "测试正文")
    {
        var code = await app.EnterpriseUserCreditCodeAsync();
        return await app.WithDbAsync(async db =>
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == code);
            e.RegionCode.ShouldBe("330102");
            var n = Notices.Add(db, at, "email-test", to(e), e, title, body, null);
            await db.SaveChangesAsync();
            return n.Id;
        });
    }

    private Task<List<NotificationEmail>> RowsAsync(long notificationId) =>
        app.WithDbAsync(db => db.NotificationEmails.AsNoTracking().Where(x => x.NotificationId == notificationId).ToListAsync());

    private async Task<bool> InboxHasAsync(string user, string title)
    {
        using var client = await Sessions.LoginAsync(app, user);
        var (status, json, text) = await client.GetJsonAsync("/api/v1/notifications?take=500");
        status.ShouldBe(HttpStatusCode.OK, text);
        return json!["items"]!.AsArray().Any(i => i!["title"]!.GetValue<string>() == title);
    }

    private sealed class FakeSender : IEmailSender
    {
        public int FailuresLeft { get; set; }
        public ConcurrentQueue<EmailMessage> Attempts { get; } = new();
        public ConcurrentQueue<EmailMessage> Delivered { get; } = new();

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            Attempts.Enqueue(message);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("550 mailbox unavailable (test)");
            }
            Delivered.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteEmailDeliveryTests(SqliteAppFixture app) : EmailDeliveryTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresEmailDeliveryTests(PostgresAppFixture app) : EmailDeliveryTests(app), IClassFixture<PostgresAppFixture>;
