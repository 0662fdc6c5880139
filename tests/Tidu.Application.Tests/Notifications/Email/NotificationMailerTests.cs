using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Tidu.Application.Notifications;
using Tidu.Application.Notifications.Email;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Application.Tests.Notifications.Email;

/// <summary>
/// The e-mail copies of notices as a use case, without a host's timer or a mail server: each recipient of a notice who
/// can see it gets one copy; a failed send is retried after the configured delay (not before) and never loses the
/// notice; switched off, nothing is queued.
/// </summary>
public sealed class NotificationMailerTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;
    private long _notice;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            var e = Arrange.Enterprise(db, "91330102MA2H000011", "330102");
            var role = new IdentityRole(Roles.CountyOfficer) { NormalizedName = Roles.CountyOfficer.ToUpperInvariant() };
            db.Roles.Add(role);
            foreach (var (name, region) in new[] { ("sc-county", "330102"), ("gs-county", "330105") })
            {
                var user = new TiduUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, RegionCode = region, Email = $"{name}@tidu.test" };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            }
            await db.SaveChangesAsync();
            Notices.Add(db, UseCaseHost.Start, "mail-test", Recipient.CountyOf(e), e, "待初审", "某企业提交了申报，请进行初审。", null);
            await db.SaveChangesAsync();
            _notice = await db.Notifications.IgnoreQueryFilters().Where(n => n.Kind == "mail-test").Select(n => n.Id).SingleAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private NotificationMailer Mailer(IEmailSender sender, bool enabled = true) =>
        new(_host.SystemRunner, sender, _host.Clock, Options.Create(new EmailOptions
        {
            Enabled = enabled,
            Host = "smtp.tidu.test",
            From = "noreply@tidu.test",
            BaseUrl = "https://tidu.test/",
            RetryDelay = TimeSpan.FromMinutes(5),
        }), NullLogger<NotificationMailer>.Instance);

    private Task<List<NotificationEmail>> CopiesAsync() =>
        _host.AsSystemAsync(sp => sp.GetRequiredService<TiduDbContext>().NotificationEmails.AsNoTracking().Where(x => x.NotificationId == _notice).ToListAsync());

    [Fact]
    public async Task Switched_off_nothing_is_queued_or_sent()
    {
        var sender = new FakeSender();
        (await Mailer(sender, enabled: false).RunOnceAsync(CancellationToken.None)).ShouldBe(new MailRun(0, 0, 0));
        sender.Delivered.ShouldBeEmpty();
        (await CopiesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_county_of_the_enterprise_gets_one_copy_and_a_failed_send_is_retried_after_the_delay()
    {
        var sender = new FakeSender { FailuresLeft = 1 };
        var mailer = Mailer(sender);

        (await mailer.RunOnceAsync(CancellationToken.None)).ShouldBe(new MailRun(1, 0, 1));
        var failed = (await CopiesAsync()).ShouldHaveSingleItem();
        (failed.UserName, failed.State, failed.Attempts).ShouldBe(("sc-county", NotificationEmailStates.Pending, 1));

        _host.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await mailer.RunOnceAsync(CancellationToken.None)).ShouldBe(new MailRun(0, 0, 0));
        _host.Clock.Advance(TimeSpan.FromSeconds(1));
        (await mailer.RunOnceAsync(CancellationToken.None)).ShouldBe(new MailRun(0, 1, 0));

        var mail = sender.Delivered.ShouldHaveSingleItem();
        (mail.To, mail.Subject).ShouldBe(("sc-county@tidu.test", "【梯度平台】待初审"));
        mail.Body.ShouldStartWith("某企业提交了申报，请进行初审。");
        mail.Body.ShouldContain("https://tidu.test/Notifications");
        (await CopiesAsync()).ShouldHaveSingleItem().State.ShouldBe(NotificationEmailStates.Sent);
    }

    private sealed class FakeSender : IEmailSender
    {
        public int FailuresLeft { get; set; }

        public List<EmailMessage> Delivered { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("550 mailbox unavailable (test)");
            }
            Delivered.Add(message);
            return Task.CompletedTask;
        }
    }
}
