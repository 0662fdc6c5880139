using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Entities;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Auditing;

/// <summary>
/// The audit hash chain: an untouched chain verifies; an entry edited, deleted, moved, cut off the end or slipped in
/// past the application is found at the right place; concurrent writers keep one chain. The hashes are keyed (HMAC
/// with a key outside the database) and the head is anchored outside it, so the insider's rewrites — every later hash
/// and the head recomputed, the tail cut and the head rewound — are found too, and the database refuses an entry
/// without a place in the chain. Tampering happens on a scratch database with the triggers dropped, as an attacker
/// with database rights would do.
/// </summary>
public abstract class AuditChainTests(TiduAppFixture app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_shared_app_database_with_its_demo_data_and_every_test_write_so_far_verifies()
    {
        var report = await app.WithDbAsync(db => AuditChainVerifier.VerifyAsync(db, app.AuditHashing, ct: _ct));
        report.FirstBreak.ShouldBeNull();
        report.Verified.ShouldBeGreaterThan(TiduAppFixture.DemoEnterprises); // at least one entry per demo enterprise
        report.Unchained.ShouldBe(0);
        report.HeadSequence.ShouldBe(report.Verified);
    }

    [Fact]
    public async Task An_untouched_chain_verifies_and_numbers_its_entries_one_to_n()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);

        await using var db = scratch.Context();
        var report = await AuditChainVerifier.VerifyAsync(db, scratch.Hashing, ct: _ct);
        report.FirstBreak.ShouldBeNull();
        report.Verified.ShouldBe(5);
        report.HeadSequence.ShouldBe(5);
        var sequences = await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Sequence).ToListAsync(_ct);
        sequences.ShouldBe([1L, 2L, 3L, 4L, 5L]);
        // The first entry's hash is computable from the document's definition alone: HMAC-SM3 (the configured suite is
        // 国密) under the configured key, computed here with BouncyCastle's HMAC over its SM3 digest.
        var first = await db.AuditEntries.SingleAsync(a => a.Sequence == 1, _ct);
        first.Algorithm.ShouldBe("hmac-sm3:k1");
        first.Hash.ShouldBe(HmacSm3(Convert.FromBase64String(app.AuditKey), new string('0', 64) + "\n" + AuditChain.Canonical(first)));
        report.HeadHash.ShouldBe((await db.AuditEntries.SingleAsync(a => a.Sequence == 5, _ct)).Hash);
    }

    [Fact]
    public async Task A_chain_sealed_with_hmac_sha256_and_continued_with_hmac_sm3_verifies_and_an_edited_sm3_entry_is_found()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        var key = Convert.FromBase64String(app.AuditKey);
        // A deployment that switches Crypto:Suite (or Audit:Algorithm) keeps one chain: older entries name their algorithm.
        await WriteKeysAsync(scratch, 2, hashing: AuditHashing.HmacSha256(key));
        await WriteKeysAsync(scratch, 2, hashing: AuditHashing.HmacSm3(key));
        await using (var db = scratch.Context())
        {
            (await db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Algorithm).ToListAsync(_ct))
                .ShouldBe(["hmac-sha256:k1", "hmac-sha256:k1", "hmac-sm3:k1", "hmac-sm3:k1"]);
            var third = await db.AuditEntries.SingleAsync(a => a.Sequence == 3, _ct);
            var second = await db.AuditEntries.SingleAsync(a => a.Sequence == 2, _ct);
            third.Hash.ShouldBe(HmacSm3(key, second.Hash + "\n" + AuditChain.Canonical(third)));
        }
        var intact = await VerifyAsync(scratch, null);
        intact.FirstBreak.ShouldBeNull();
        intact.Verified.ShouldBe(4);
        // A verifier that knows only HMAC-SHA-256 cannot vouch for the SM3 entries: it stops at the first.
        await using (var db = scratch.Context())
        {
            var shaOnly = await AuditChainVerifier.VerifyAsync(db, new AuditHashing(new HmacAuditHasher(HmacAuditHasher.Sha256, key, "k1")), ct: _ct);
            shaOnly.FirstBreak!.Sequence.ShouldBe(3);
            shaOnly.FirstBreak.Check.ShouldBe("algorithm");
        }

        await DropTriggersAsync(scratch);
        var target = await EntryAsync(scratch, 4);
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"After\" = '{{}}' WHERE \"Id\" = {target.Id}");
        var broken = await FirstBreakAsync(scratch);
        broken.EntryId.ShouldBe(target.Id);
        broken.Check.ShouldBe("hash");
    }

    /// <summary>HMAC-SM3 as BouncyCastle computes it (HMAC over its SM3 digest), independent of the platform's wrapper.</summary>
    private static string HmacSm3(byte[] key, string message)
    {
        var mac = new Org.BouncyCastle.Crypto.Macs.HMac(new Org.BouncyCastle.Crypto.Digests.SM3Digest());
        mac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
        var data = System.Text.Encoding.UTF8.GetBytes(message);
        mac.BlockUpdate(data, 0, data.Length);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0);
        return Convert.ToHexStringLower(result);
    }

    [Fact]
    public async Task A_new_algorithm_seals_after_the_old_one_and_the_chain_verifies_while_the_old_one_is_known()
    {
        // The MAC is one interface: another algorithm or key (HMAC-SM3 in production; a second HMAC key here) continues the chain.
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 2);
        var secondKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var next = new AuditHashing(new SecondHasher(secondKey), [scratch.Hashing.Current]);
        await using (var db = scratch.Context(hashing: next))
        {
            db.ApiKeys.Add(NewKey("after the switch"));
            await db.SaveChangesAsync(_ct);
        }

        (await EntryAsync(scratch, 2)).Algorithm.ShouldBe("hmac-sm3:k1"); // the configured suite is 国密
        var third = await EntryAsync(scratch, 3);
        third.Algorithm.ShouldBe(SecondHasher.HasherId);
        third.Hash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secondKey,
            System.Text.Encoding.UTF8.GetBytes((await EntryAsync(scratch, 2)).Hash + "\n" + AuditChain.Canonical(third)))));
        await using var check = scratch.Context();
        var both = await AuditChainVerifier.VerifyAsync(check, next, ct: _ct);
        both.FirstBreak.ShouldBeNull();
        both.Verified.ShouldBe(3);
        // A verifier that does not know the new algorithm stops at its first entry instead of passing it.
        var oldOnly = (await AuditChainVerifier.VerifyAsync(check, scratch.Hashing, ct: _ct)).FirstBreak.ShouldNotBeNull();
        oldOnly.Check.ShouldBe("algorithm");
        oldOnly.Sequence.ShouldBe(3);
    }

    /// <summary>A second keyed hash with its own id, standing in for the national algorithm another build plugs in.</summary>
    private sealed class SecondHasher(byte[] key) : IAuditHasher
    {
        public const string HasherId = "second-mac:k2";

        public string Id => HasherId;

        public string Hash(string message) => Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(message)));
    }

    [Fact]
    public async Task Chinese_text_is_stored_as_characters_in_the_before_and_after_values()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 1, "杭州银行");
        await using var db = scratch.Context();
        var entry = await db.AuditEntries.SingleAsync(_ct);
        entry.After!.ShouldContain("\"Name\":\"杭州银行 0\"");
        entry.After!.ShouldNotContain("\\u");
    }

    [Fact]
    public async Task An_edited_value_breaks_the_chain_at_that_entry()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        await DropTriggersAsync(scratch);
        var target = await EntryAsync(scratch, 3);
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = 'forger' WHERE \"Id\" = {target.Id}");

        var broken = await FirstBreakAsync(scratch);
        broken.EntryId.ShouldBe(target.Id);
        broken.Sequence.ShouldBe(3);
        broken.Check.ShouldBe("hash");
        broken.Actual.ShouldBe(target.Hash); // the stored hash no longer matches the stored fields
        broken.Expected.ShouldNotBe(target.Hash);
    }

    [Fact]
    public async Task A_deleted_entry_breaks_the_chain_at_the_entry_after_it()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        await DropTriggersAsync(scratch);
        var removed = await EntryAsync(scratch, 3);
        var next = await EntryAsync(scratch, 4);
        await scratch.ExecuteAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {removed.Id}");

        var broken = await FirstBreakAsync(scratch);
        broken.EntryId.ShouldBe(next.Id);
        broken.Check.ShouldBe("sequence");
        broken.Expected.ShouldBe("3");
        broken.Actual.ShouldBe("4");
    }

    [Fact]
    public async Task Two_entries_swapped_break_the_chain_at_the_first_of_them()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        await DropTriggersAsync(scratch);
        var second = await EntryAsync(scratch, 2);
        var third = await EntryAsync(scratch, 3);
        // Renumber through a free value: the sequence is unique.
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = -1 WHERE \"Id\" = {second.Id}");
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = 2 WHERE \"Id\" = {third.Id}");
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = 3 WHERE \"Id\" = {second.Id}");

        var broken = await FirstBreakAsync(scratch);
        broken.EntryId.ShouldBe(third.Id); // now in second place
        broken.Sequence.ShouldBe(2);
        broken.Check.ShouldBe("hash");
    }

    [Fact]
    public async Task Swapping_the_contents_of_two_entries_with_their_hashes_is_found_too()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        await DropTriggersAsync(scratch);
        var second = await EntryAsync(scratch, 2);
        var third = await EntryAsync(scratch, 3);
        // The rows keep their places but exchange every other field, hash included.
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"After\" = '{third.After}', \"EntityKey\" = '{third.EntityKey}', \"Hash\" = '{third.Hash}' WHERE \"Id\" = {second.Id}");
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"After\" = '{second.After}', \"EntityKey\" = '{second.EntityKey}', \"Hash\" = '{second.Hash}' WHERE \"Id\" = {third.Id}");

        var broken = await FirstBreakAsync(scratch);
        broken.EntryId.ShouldBe(second.Id);
        broken.Sequence.ShouldBe(2);
        broken.Check.ShouldBe("hash");
    }

    [Fact]
    public async Task Entries_cut_off_the_end_disagree_with_the_chain_head()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        await DropTriggersAsync(scratch);
        var last = await EntryAsync(scratch, 5);
        await scratch.ExecuteAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {last.Id}");

        var broken = await FirstBreakAsync(scratch);
        broken.Check.ShouldBe("head");
        broken.Expected.ShouldStartWith("5:");
        broken.Actual.ShouldStartWith("4:");
    }

    [Fact]
    public async Task The_database_refuses_an_entry_without_a_place_in_the_chain()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 2);
        await Should.ThrowAsync<Exception>(() => scratch.ExecuteAsync(ForgedInsert));
        await using var db = scratch.Context();
        (await db.AuditEntries.CountAsync(_ct)).ShouldBe(2);
    }

    [Fact]
    public async Task An_entry_slipped_in_past_the_triggers_without_a_place_in_the_chain_is_reported()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 2);
        await DropTriggersAsync(scratch);
        await scratch.ExecuteAsync(ForgedInsert);

        var broken = await FirstBreakAsync(scratch);
        broken.Check.ShouldBe("unchained");
        (await EntryIdOfActorAsync(scratch, "forger")).ShouldBe(broken.EntryId);
    }

    [Fact]
    public async Task Editing_an_entry_and_recomputing_every_later_hash_and_the_head_without_the_key_is_found_at_that_entry()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        await DropTriggersAsync(scratch);
        var target = await EntryAsync(scratch, 3);
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = 'forger' WHERE \"Id\" = {target.Id}");
        // The attacker knows the chain's definition but not the key: plain SHA-256, every later hash and the head.
        await RewriteFromAsync(scratch, 3, (previous, entry) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(previous + "\n" + AuditChain.Canonical(entry)))));

        var broken = await FirstBreakAsync(scratch);
        broken.EntryId.ShouldBe(target.Id);
        broken.Check.ShouldBe("hash");

        // Naming another algorithm for the rewritten entries does not help: only the configured keyed hashes count.
        await scratch.ExecuteAsync("UPDATE \"AuditEntries\" SET \"Algorithm\" = 'sha256' WHERE \"Sequence\" >= 3");
        (await FirstBreakAsync(scratch)).Check.ShouldBe("algorithm");
    }

    [Fact]
    public async Task An_insider_with_the_key_who_rewrites_the_chain_and_the_head_is_found_by_the_anchor()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        var anchors = await AnchorAsync(scratch);
        await DropTriggersAsync(scratch);
        var target = await EntryAsync(scratch, 3);
        await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = 'forger' WHERE \"Id\" = {target.Id}");
        await RewriteFromAsync(scratch, 3, (previous, entry) => AuditChain.HashOf(scratch.Hashing.Current, previous, entry));

        // With the key, the chain alone is consistent again; the anchor written outside the database is not.
        (await VerifyAsync(scratch, null)).FirstBreak.ShouldBeNull();
        var broken = (await VerifyAsync(scratch, anchors)).FirstBreak.ShouldNotBeNull();
        broken.Check.ShouldBe("anchor");
        broken.Sequence.ShouldBe(5);
    }

    [Fact]
    public async Task Cutting_the_tail_and_rewinding_the_head_is_found_by_the_anchor()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 5);
        var anchors = await AnchorAsync(scratch);
        await DropTriggersAsync(scratch);
        var third = await EntryAsync(scratch, 3);
        await scratch.ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > 3");
        await scratch.ExecuteAsync($"UPDATE \"AuditChainHeads\" SET \"Sequence\" = 3, \"Hash\" = '{third.Hash}'");

        (await VerifyAsync(scratch, null)).FirstBreak.ShouldBeNull();
        var broken = (await VerifyAsync(scratch, anchors)).FirstBreak.ShouldNotBeNull();
        broken.Check.ShouldBe("anchor");
        broken.Expected.ShouldContain("at least 5");
        broken.Actual.ShouldBe("3");
    }

    [Fact]
    public async Task A_forged_anchor_is_refused_and_an_anchor_of_the_real_chain_agrees()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await WriteKeysAsync(scratch, 3);
        var anchors = await AnchorAsync(scratch);
        (await VerifyAsync(scratch, anchors)).ShouldSatisfyAllConditions(r => r.FirstBreak.ShouldBeNull(), r => r.Anchors.ShouldBe(1));
        var forged = anchors[0] with { Sequence = 2 };
        (await VerifyAsync(scratch, [forged])).FirstBreak.ShouldNotBeNull().Check.ShouldBe("anchor");
    }

    [Fact]
    public async Task The_app_anchors_its_head_in_a_file_outside_the_database_and_verifies_against_it()
    {
        var anchor = await app.App.Services.GetRequiredService<Tidu.Web.Auditing.AuditAnchorService>().AnchorAsync(_ct);
        var head = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(_ct));
        if (anchor is { } written)
        {
            written.Sequence.ShouldBe(head.Sequence);
        }
        var (lines, problems) = AuditAnchors.Read(app.AnchorFile);
        problems.ShouldBeEmpty();
        lines.ShouldContain(a => a.Sequence <= head.Sequence);
        using var admin = await Sessions.LoginAsync(app, "auditor");
        var (status, json, text) = await admin.GetJsonAsync("/api/v1/audit/verify");
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["intact"]!.GetValue<bool>().ShouldBeTrue(text);
        json["anchors"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Concurrent_writers_append_to_one_chain_without_a_fork_or_a_lost_entry()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        const int writers = 4;
        const int savesEach = 8;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < savesEach; i++)
            {
                await using var db = scratch.Context($"writer-{w}");
                db.ApiKeys.Add(NewKey($"w{w}-{i}"));
                await db.SaveChangesAsync(_ct);
            }
        }, _ct)));

        await using var check = scratch.Context();
        var report = await AuditChainVerifier.VerifyAsync(check, scratch.Hashing, ct: _ct);
        report.FirstBreak.ShouldBeNull();
        report.Verified.ShouldBe(writers * savesEach);
        (await check.AuditEntries.CountAsync(_ct)).ShouldBe(writers * savesEach);
    }

    [Fact]
    public async Task The_audit_administrator_can_verify_through_the_API_and_officers_cannot()
    {
        using var admin = await Sessions.LoginAsync(app, "auditor");
        var (status, json, text) = await admin.GetJsonAsync("/api/v1/audit/verify");
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["intact"]!.GetValue<bool>().ShouldBeTrue();
        json["verified"]!.GetValue<long>().ShouldBeGreaterThan(0);

        using var officer = await Sessions.LoginAsync(app, "hz-city");
        (await officer.GetJsonAsync("/api/v1/audit/verify")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_officer_reads_an_enterprise_history_with_the_values_as_they_were_and_only_in_their_region()
    {
        using var officer = await Sessions.LoginAsync(app, "hz-city");
        var code = CreditCodes.For("330114", 311);
        (await officer.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "历史回读有限公司", "330114", revenue: 5000m))).Status.ShouldBe(HttpStatusCode.OK);
        (await officer.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "历史回读有限公司", "330114", revenue: 5300m))).Status.ShouldBe(HttpStatusCode.OK);

        var (status, json, text) = await officer.GetJsonAsync($"/api/v1/enterprises/{code}/audit");
        status.ShouldBe(HttpStatusCode.OK, text);
        var rows = json!.AsArray();
        var update = rows.Single(r => r!["entity"]!.GetValue<string>() == "EnterpriseFinancialYear" && r["action"]!.GetValue<string>() == "update" && r["entityKey"]!.GetValue<string>() == "2024")!;
        update["before"]!["OperatingRevenue"]!.GetValue<decimal>().ShouldBe(5000m);
        update["after"]!["OperatingRevenue"]!.GetValue<decimal>().ShouldBe(5300m);
        rows.Single(r => r!["entity"]!.GetValue<string>() == "Enterprise" && r["action"]!.GetValue<string>() == "insert")!["after"]!["Name"]!.GetValue<string>().ShouldBe("历史回读有限公司");
        text.ShouldContain("历史回读有限公司"); // characters, not \u escapes, all the way to the reader

        using var otherProvince = await Sessions.LoginAsync(app, "hb-province");
        (await otherProvince.GetJsonAsync($"/api/v1/enterprises/{code}/audit")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task WriteKeysAsync(ScratchDatabase scratch, int count, string name = "key", AuditHashing? hashing = null)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = scratch.Context(hashing: hashing);
            db.ApiKeys.Add(NewKey($"{name} {i}"));
            await db.SaveChangesAsync(_ct);
        }
    }

    private static ApiKey NewKey(string name) => new()
    {
        Name = name,
        Prefix = Guid.NewGuid().ToString("N")[..8],
        SecretHash = new string('A', 64),
        RegionCode = "330100",
        Scopes = "enterprises:read",
        CreatedAt = TestClock.Start,
    };

    private const string ForgedInsert =
        "INSERT INTO \"AuditEntries\" (\"At\", \"Actor\", \"Action\", \"Entity\", \"EntityKey\") VALUES ('2026-01-01T00:00:00+00:00', 'forger', 'insert', 'ApiKey', '99')";

    private static Task DropTriggersAsync(ScratchDatabase scratch) =>
        scratch.Provider == DatabaseProvider.Sqlite
            ? scratch.ExecuteAsync("DROP TRIGGER AuditEntries_no_update; DROP TRIGGER AuditEntries_no_delete; DROP TRIGGER AuditEntries_chained_only;")
            : scratch.ExecuteAsync("DROP TRIGGER \"AuditEntries_append_only\" ON \"AuditEntries\"; DROP TRIGGER \"AuditEntries_chained_only\" ON \"AuditEntries\"");

    /// <summary>Recomputes the hash of every entry from <paramref name="sequence"/> on, and the head, as an attacker with database rights would.</summary>
    private async Task RewriteFromAsync(ScratchDatabase scratch, long sequence, Func<string, AuditEntry, string> hash)
    {
        await using var db = scratch.Context();
        var previous = sequence == 1 ? AuditChain.Genesis : (await EntryAsync(scratch, sequence - 1)).Hash!;
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence >= sequence).OrderBy(a => a.Sequence).ToListAsync(_ct);
        foreach (var entry in entries)
        {
            previous = hash(previous, entry);
            await scratch.ExecuteAsync($"UPDATE \"AuditEntries\" SET \"Hash\" = '{previous}' WHERE \"Id\" = {entry.Id}");
        }
        await scratch.ExecuteAsync($"UPDATE \"AuditChainHeads\" SET \"Hash\" = '{previous}'");
    }

    /// <summary>Anchors the scratch chain's head as the app does (a file outside the database); the anchors read back.</summary>
    private async Task<IReadOnlyList<AuditAnchor>> AnchorAsync(ScratchDatabase scratch)
    {
        await using var db = scratch.Context();
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(_ct);
        var file = Path.Combine(Path.GetTempPath(), "tidu-anchor-" + Guid.NewGuid().ToString("N") + ".log");
        try
        {
            await AuditAnchors.AppendAsync(file, scratch.Hashing.Current, scratch.Clock.GetUtcNow(), head.Sequence, head.Hash, _ct);
            var (anchors, problems) = AuditAnchors.Read(file);
            problems.ShouldBeEmpty();
            return anchors;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<AuditChainReport> VerifyAsync(ScratchDatabase scratch, IReadOnlyList<AuditAnchor>? anchors)
    {
        await using var db = scratch.Context();
        return await AuditChainVerifier.VerifyAsync(db, scratch.Hashing, anchors, _ct);
    }

    private async Task<AuditEntry> EntryAsync(ScratchDatabase scratch, long sequence)
    {
        await using var db = scratch.Context();
        return await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == sequence, _ct);
    }

    private async Task<long> EntryIdOfActorAsync(ScratchDatabase scratch, string actor)
    {
        await using var db = scratch.Context();
        return await db.AuditEntries.Where(a => a.Actor == actor).Select(a => a.Id).SingleAsync(_ct);
    }

    private async Task<AuditChainBreak> FirstBreakAsync(ScratchDatabase scratch) => (await VerifyAsync(scratch, null)).FirstBreak.ShouldNotBeNull();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteAuditChainTests(SqliteAppFixture app) : AuditChainTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresAuditChainTests(PostgresAppFixture app) : AuditChainTests(app);
