using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Monitoring;
using Tidu.Data.Registry.Bulk;
using Tidu.Domain.Exchange;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Xunit;

namespace Tidu.Cli.Tests.Registry;

/// <summary>
/// <c>tidu registry load</c> on each provider: a generated file of 10,000 profiles stored with the counts read
/// independently from the file and the evaluation the engine gives each input profile; a second load of the same file
/// changes nothing and the audit chain verifies; a bad record among good ones costs only itself; a batch that fails
/// leaves nothing of itself and a re-run completes the load.
/// </summary>
public abstract class RegistryLoadTests<TDatabases>(TDatabases databases) : IDisposable
    where TDatabases : class, IRegistryDatabases
{
    private static readonly DateOnly AsOf = new(2026, 3, 31);
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-load-").FullName;
    private readonly byte[] _key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));

    private string KeyFile => Path.Combine(_dir, "audit.key");

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Ten_thousand_generated_profiles_are_stored_with_the_files_counts_and_the_engines_evaluation()
    {
        var file = Generate(10_000, seed: 21);
        var expected = Expected(file);
        var connection = await databases.NewDatabaseAsync(_ct);

        var (code, stdout, stderr) = await LoadAsync(file, connection, batch: 1_000, basis: "测试名单");
        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldStartWith($"loaded 10000 record(s): {expected.Files} created, 0 updated, 0 unchanged");
        stderr.ShouldContain("progress: 10,000 records read");

        await using var db = RegistryContexts.Open(databases.Provider, connection, _key);
        (await RegistryContexts.CountAsync<Enterprise>(db, _ct)).ShouldBe(expected.Files);
        (await RegistryContexts.CountAsync<EnterpriseFinancialYear>(db, _ct)).ShouldBe(expected.Years);
        (await RegistryContexts.CountAsync<EnterpriseHonor>(db, _ct)).ShouldBe(expected.Honors);
        (await db.Recognitions.IgnoreQueryFilters().Where(r => r.Basis == "测试名单").LongCountAsync(_ct)).ShouldBe(expected.Recognitions);
        (await db.AuditEntries.CountAsync(a => a.Action == BulkLoader.AuditAction, _ct)).ShouldBe(10);

        // Each stored evaluation is the engine's on the input profile, on the date given.
        var stored = await db.Enterprises.IgnoreQueryFilters().AsNoTracking()
            .Select(e => new { e.CreditCode, e.Evaluation!.AsOf, e.Evaluation.HighestTier, e.Evaluation.NearMissTier, Outcomes = e.TierOutcomes.Count })
            .ToDictionaryAsync(e => e.CreditCode, _ct);
        var evaluator = new Evaluator(RuleLibrary.LoadDefault());
        var index = evaluator.Library.Index;
        var counts = new Dictionary<(string Region, string Tier), (int Qualified, int NearMisses)>();
        var mix = new Dictionary<(string Region, string Section, string SizeClass), int>();
        foreach (var profile in ProfileReader.Read(File.OpenRead(file)).Select(r => r.Profile!))
        {
            var evaluation = evaluator.Evaluate(profile, AsOf, EvaluationDetail.DecisiveFailures);
            var s = stored[profile.CreditCode];
            s.AsOf.ShouldBe(AsOf);
            s.HighestTier.ShouldBe(evaluation.Tiers.LastOrDefault(t => t.Qualified)?.Tier, profile.CreditCode);
            s.NearMissTier.ShouldBe(evaluation.Tiers.FirstOrDefault(index.IsNearMiss)?.Tier, profile.CreditCode);
            s.Outcomes.ShouldBe(evaluation.Tiers.Count, profile.CreditCode);
            var key = (profile.RegionCode, profile.IndustryCode[..1], evaluation.SizeClass.SizeClass ?? FileMixCount.NoSizeClass);
            mix[key] = mix.GetValueOrDefault(key) + 1;
            foreach (var t in evaluation.Tiers.Where(t => t.Qualified || index.IsNearMiss(t)))
            {
                var c = counts.GetValueOrDefault((profile.RegionCode, t.Tier));
                counts[(profile.RegionCode, t.Tier)] = t.Qualified ? (c.Qualified + 1, c.NearMisses) : (c.Qualified, c.NearMisses + 1);
            }
        }
        // The daily roll-up the dashboard reads holds, on the load's date, the engine's counts per region and tier.
        var rolled = (await db.TierDayCounts.IgnoreQueryFilters().AsNoTracking().ToListAsync(_ct))
            .Where(c => c.Day <= AsOf).GroupBy(c => (c.RegionCode, c.Tier))
            .Select(g => (g.Key, Q: g.Sum(c => c.Qualified), N: g.Sum(c => c.NearMisses))).Where(x => x.Q != 0 || x.N != 0)
            .OrderBy(x => x.Key).ToList();
        rolled.ShouldBe([.. counts.Select(c => (c.Key, Q: c.Value.Qualified, N: c.Value.NearMisses)).OrderBy(x => x.Key)]);
        rolled.ShouldNotBeEmpty();
        // The industry × size-class counts the dashboard reads hold the input files' sections and the engine's size classes.
        var mixed = (await db.FileMixCounts.IgnoreQueryFilters().AsNoTracking().Where(c => c.Files != 0).ToListAsync(_ct))
            .Select(c => ((c.RegionCode, c.Section, c.SizeClass), c.Files)).OrderBy(x => x.Item1).ToList();
        mixed.ShouldBe([.. mix.Select(m => (m.Key, m.Value)).OrderBy(x => x.Key)]);
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task Loading_the_same_file_again_changes_nothing_and_the_audit_chain_verifies()
    {
        var file = Generate(1_500, seed: 5);
        var connection = await databases.NewDatabaseAsync(_ct);
        (await LoadAsync(file, connection, batch: 500, basis: "测试名单")).Code.ShouldBe(ExitCodes.Ok);
        var before = await SnapshotAsync(connection);

        var (code, stdout, stderr) = await LoadAsync(file, connection, batch: 500, basis: "测试名单");
        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldStartWith("loaded 1500 record(s): 0 created, 0 updated, 1500 unchanged, 0 re-evaluated");
        (await SnapshotAsync(connection)).ShouldBe(before);
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task A_changed_year_updates_the_file_keeps_its_other_years_and_is_audited_as_an_update()
    {
        var file = Generate(3, seed: 8);
        var connection = await databases.NewDatabaseAsync(_ct);
        (await LoadAsync(file, connection, basis: "测试名单")).Code.ShouldBe(ExitCodes.Ok);
        var first = JsonDocument.Parse(File.ReadLines(file).First()).RootElement;
        var code = first.GetProperty("creditCode").GetString()!;
        var years = first.GetProperty("financials").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).ToList();
        // Only the latest year, with another headcount: the earlier years stay as stored.
        var latest = first.GetProperty("financials").EnumerateArray().Last();
        var edited = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["creditCode"] = code,
            ["name"] = first.GetProperty("name").GetString(),
            ["regionCode"] = first.GetProperty("regionCode").GetString(),
            ["industryCode"] = first.GetProperty("industryCode").GetString(),
            ["financials"] = new[] { new { year = latest.GetProperty("year").GetInt32(), employees = 4321 } },
            ["recognitions"] = first.GetProperty("recognitions"),
        });
        var update = Path.Combine(_dir, "update.jsonl");
        await File.WriteAllTextAsync(update, edited + "\n", _ct);

        var (exit, stdout, stderr) = await LoadAsync(update, connection);
        exit.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldStartWith("loaded 1 record(s): 0 created, 1 updated, 0 unchanged");
        await using var db = RegistryContexts.Open(databases.Provider, connection, _key);
        var stored = await db.Enterprises.IgnoreQueryFilters().Include(e => e.Financials).SingleAsync(e => e.CreditCode == code, _ct);
        stored.Financials.Select(f => f.Year).Order().ShouldBe(years);
        stored.Financials.Single(f => f.Year == years[^1]).Employees.ShouldBe(4321);
        stored.Revision.ShouldBe(1);
        var entry = await db.AuditEntries.OrderBy(a => a.Sequence).LastAsync(_ct);
        entry.Action.ShouldBe(BulkLoader.AuditAction);
        var after = JsonDocument.Parse(entry.After!).RootElement;
        after.GetProperty("updated").EnumerateArray().Select(c => c.GetString()).ShouldBe([code]);
        after.GetProperty("created").GetArrayLength().ShouldBe(0);
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task A_bad_record_among_good_ones_is_reported_by_line_and_the_others_are_loaded()
    {
        var lines = File.ReadAllLines(Generate(4, seed: 13));
        // Valid in the exchange format, but longer than the platform's name column (200): refused by the platform, not the reader.
        var third = JsonDocument.Parse(lines[2]).RootElement.GetProperty("name").GetString()!;
        var tooLong = lines[2].Replace($"\"{third}\"", $"\"{new string('长', 201)}\"", StringComparison.Ordinal);
        var file = Path.Combine(_dir, "mixed.jsonl");
        await File.WriteAllLinesAsync(file, [lines[0], "{\"creditCode\": \"91330100MA2XXXXX\", \"name\": 5", tooLong, lines[3]], _ct);
        var connection = await databases.NewDatabaseAsync(_ct);

        var (code, stdout, stderr) = await LoadAsync(file, connection, basis: "测试名单");
        code.ShouldBe(ExitCodes.InvalidRecords);
        stdout.ShouldStartWith("loaded 4 record(s): 2 created, 0 updated, 0 unchanged, 0 re-evaluated, 1 invalid, 1 refused");
        stderr.ShouldContain("invalid record line 2");
        stderr.ShouldContain("refused record line 3");
        stderr.ShouldContain("/name: 文字超过 200 个字符");
        await using var db = RegistryContexts.Open(databases.Provider, connection, _key);
        var codes = await db.Enterprises.IgnoreQueryFilters().Select(e => e.CreditCode).OrderBy(c => c).ToListAsync(_ct);
        codes.ShouldBe(new[] { lines[0], lines[3] }.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("creditCode").GetString()!).Order(StringComparer.Ordinal));
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task A_credit_code_given_again_later_in_the_file_is_refused_so_a_reload_still_changes_nothing()
    {
        var lines = File.ReadAllLines(Generate(5, seed: 29));
        var first = JsonDocument.Parse(lines[0]).RootElement;
        var name = first.GetProperty("name").GetString()!;
        var file = Path.Combine(_dir, "repeated.jsonl");
        // The same enterprise again, under another name, in another batch (batches of 2).
        await File.WriteAllLinesAsync(file, [.. lines, lines[0].Replace($"\"{name}\"", "\"另一个名称有限公司\"", StringComparison.Ordinal)], _ct);
        var connection = await databases.NewDatabaseAsync(_ct);

        var (code, stdout, stderr) = await LoadAsync(file, connection, batch: 2, basis: "测试名单");
        code.ShouldBe(ExitCodes.InvalidRecords);
        stdout.ShouldStartWith("loaded 6 record(s): 5 created, 0 updated, 0 unchanged, 0 re-evaluated, 0 invalid, 1 refused");
        stderr.ShouldContain("refused record line 6");
        stderr.ShouldContain("在本文件第 1 条记录已出现");
        var (again, reloaded, _) = await LoadAsync(file, connection, batch: 2, basis: "测试名单");
        again.ShouldBe(ExitCodes.InvalidRecords);
        reloaded.ShouldStartWith("loaded 6 record(s): 0 created, 0 updated, 5 unchanged");
        await using var db = RegistryContexts.Open(databases.Provider, connection, _key);
        (await db.Enterprises.IgnoreQueryFilters().SingleAsync(e => e.CreditCode == first.GetProperty("creditCode").GetString(), _ct)).Name.ShouldBe(name);
    }

    [Fact]
    public async Task Recognitions_without_an_official_basis_are_refused_per_record()
    {
        var file = Generate(400, seed: 3);
        var withRecognitions = File.ReadLines(file).Count(l => JsonDocument.Parse(l).RootElement.GetProperty("recognitions").GetArrayLength() > 0);
        withRecognitions.ShouldBeGreaterThan(0);
        var connection = await databases.NewDatabaseAsync(_ct);
        var (code, stdout, stderr) = await LoadAsync(file, connection);
        code.ShouldBe(ExitCodes.InvalidRecords);
        stdout.ShouldContain($"{400 - withRecognitions} created");
        stdout.ShouldContain($"{withRecognitions} refused");
        stderr.ShouldContain("--recognitions-basis");
    }

    [Fact]
    public async Task A_batch_that_fails_leaves_nothing_of_itself_and_a_rerun_completes_the_load()
    {
        var file = Generate(30, seed: 17);
        var codes = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("creditCode").GetString()!).ToList();
        var connection = await databases.NewDatabaseAsync(_ct);
        var firstTen = Path.Combine(_dir, "first.jsonl");
        await File.WriteAllLinesAsync(firstTen, File.ReadLines(file).Take(10), _ct);
        (await LoadAsync(firstTen, connection, basis: "测试名单")).Code.ShouldBe(ExitCodes.Ok);
        // The database refuses one file of the second batch (a trigger stands in for a crash or a restart mid-batch).
        await ExecuteAsync(connection, databases.Provider == "postgres"
            ? $"CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"CreditCode\" = '{codes[15]}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;"
              + "CREATE TRIGGER refuse BEFORE INSERT ON \"Enterprises\" FOR EACH ROW EXECUTE FUNCTION refuse();"
            : $"CREATE TRIGGER refuse BEFORE INSERT ON Enterprises WHEN NEW.CreditCode = '{codes[15]}' BEGIN SELECT RAISE(ABORT, 'refused'); END;");

        var (code, _, stderr) = await LoadAsync(file, connection, batch: 10, basis: "测试名单");
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldContain("was not written (nothing of it is stored)");
        await using (var db = RegistryContexts.Open(databases.Provider, connection, _key))
        {
            var stored = await db.Enterprises.IgnoreQueryFilters().Select(e => e.CreditCode).ToListAsync(_ct);
            stored.Order(StringComparer.Ordinal).ShouldBe(codes.Take(10).Order(StringComparer.Ordinal));
            (await db.FinancialYears.IgnoreQueryFilters().Select(f => f.EnterpriseId).Distinct().CountAsync(_ct)).ShouldBe(10);
            (await db.AuditEntries.CountAsync(a => a.Action == BulkLoader.AuditAction, _ct)).ShouldBe(1);
        }
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);

        await ExecuteAsync(connection, databases.Provider == "postgres" ? "DROP TRIGGER refuse ON \"Enterprises\"" : "DROP TRIGGER refuse");
        var (rerun, stdout, rerunErrors) = await LoadAsync(file, connection, batch: 10, basis: "测试名单");
        rerun.ShouldBe(ExitCodes.Ok, rerunErrors);
        stdout.ShouldStartWith("loaded 30 record(s): 20 created, 0 updated, 10 unchanged");
        await using (var db = RegistryContexts.Open(databases.Provider, connection, _key))
        {
            (await RegistryContexts.CountAsync<Enterprise>(db, _ct)).ShouldBe(30);
        }
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);
    }

    [Fact]
    public async Task The_v11_yearly_figures_are_stored_read_back_as_given_and_decide_the_stored_evaluation()
    {
        var connection = await databases.NewDatabaseAsync(_ct);
        var file = Path.Combine(_dir, "v11.jsonl");
        await File.WriteAllTextAsync(file, HiddenChampionCandidate.Json(HiddenChampionCandidate.Years) + "\n", _ct);

        var (code, stdout, stderr) = await LoadAsync(file, connection, asOf: HiddenChampionCandidate.AsOf);
        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldStartWith("loaded 1 record(s): 1 created");
        await ShouldHoldAsync(connection, HiddenChampionCandidate.Years);

        // The engine on the profile as given: qualified through the innovation indicator, which reads the v1.1 figures
        // (without them it is not; see HiddenChampionCandidate). The load stored that outcome, not another.
        var evaluator = new Evaluator(RuleLibrary.LoadDefault());
        var given = ProfileReader.Parse(new RawRecord(1, "given", System.Text.Encoding.UTF8.GetBytes(HiddenChampionCandidate.Json(HiddenChampionCandidate.Years)))).Profile!;
        var expected = evaluator.Evaluate(given, HiddenChampionCandidate.AsOf, EvaluationDetail.DecisiveFailures).Tiers.Single(t => t.Tier == HiddenChampionCandidate.Tier);
        expected.Qualified.ShouldBeTrue();
        var withoutV11 = HiddenChampionCandidate.Years.Select(y => y with { MainProduct = null, NewProduct = null, Industrial = null });
        var bare = ProfileReader.Parse(new RawRecord(1, "bare", System.Text.Encoding.UTF8.GetBytes(HiddenChampionCandidate.Json(withoutV11)))).Profile!;
        evaluator.Evaluate(bare, HiddenChampionCandidate.AsOf, EvaluationDetail.Outcome).Tiers.Single(t => t.Tier == HiddenChampionCandidate.Tier).Qualified.ShouldBeFalse();
        await using (var db = RegistryContexts.Open(databases.Provider, connection, _key))
        {
            var outcome = await db.TierOutcomes.IgnoreQueryFilters().SingleAsync(t => t.Tier == HiddenChampionCandidate.Tier, _ct);
            outcome.Qualified.ShouldBe(expected.Qualified);
            // Read back as the platform reads a stored file for an evaluation, it is decided the same way.
            var stored = await db.Enterprises.IgnoreQueryFilters().Include(e => e.Financials).Include(e => e.Honors).Include(e => e.Recognitions).SingleAsync(_ct);
            var reread = evaluator.Evaluate(Tidu.Data.Registry.ProfileMapping.ToProfile(stored).Profile!, HiddenChampionCandidate.AsOf, EvaluationDetail.Full)
                .Tiers.Single(t => t.Tier == HiddenChampionCandidate.Tier);
            var full = evaluator.Evaluate(given, HiddenChampionCandidate.AsOf, EvaluationDetail.Full).Tiers.Single(t => t.Tier == HiddenChampionCandidate.Tier);
            reread.Checks.Select(c => (c.Id, c.Passed, c.Actual, c.MissingField)).ShouldBe(full.Checks.Select(c => (c.Id, c.Passed, c.Actual, c.MissingField)));
        }

        // A second load with one changed figure updates the stored year (the merge of an existing file).
        var changed = HiddenChampionCandidate.Years.Select(y => y.Year == 2023 ? y with { NewProduct = 4600m } : y).ToArray();
        await File.WriteAllTextAsync(file, HiddenChampionCandidate.Json(changed) + "\n", _ct);
        var (again, reloaded, againErrors) = await LoadAsync(file, connection, asOf: HiddenChampionCandidate.AsOf);
        again.ShouldBe(ExitCodes.Ok, againErrors);
        reloaded.ShouldStartWith("loaded 1 record(s): 0 created, 1 updated");
        await ShouldHoldAsync(connection, changed);
        (await VerifyAsync(connection)).ShouldBe(ExitCodes.Ok);
    }

    /// <summary>The stored columns hold exactly the given figures, and nothing where none was given.</summary>
    private async Task ShouldHoldAsync(string connection, HiddenChampionCandidate.Figures[] years)
    {
        await using var db = RegistryContexts.Open(databases.Provider, connection, _key);
        var rows = await db.FinancialYears.IgnoreQueryFilters().OrderBy(f => f.Year)
            .Select(f => new HiddenChampionCandidate.Figures(f.Year, f.RdExpense!.Value, f.MainProductRevenue, f.NewProductOutputValue, f.IndustrialOutputValue)).ToListAsync(_ct);
        rows.ShouldBe(years);
    }

    private string Generate(int count, int seed)
    {
        var file = Path.Combine(_dir, $"g{count}-{seed}.jsonl");
        GenerateCommand.Run(count, seed, [], 2025, new FileInfo(file), null, TextWriter.Null).ShouldBe(ExitCodes.Ok);
        return file;
    }

    /// <summary>What the file holds, read with a plain JSON parser (not the exchange-format reader the load uses).</summary>
    private static (long Files, long Years, long Honors, long Recognitions) Expected(string file)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        long years = 0, honors = 0, recognitions = 0;
        foreach (var line in File.ReadLines(file))
        {
            var o = JsonDocument.Parse(line).RootElement;
            codes.Add(o.GetProperty("creditCode").GetString()!).ShouldBeTrue("the generator gives every profile its own credit code");
            years += o.GetProperty("financials").EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).Distinct().Count();
            honors += o.TryGetProperty("honors", out var h) ? h.GetArrayLength() : 0;
            recognitions += o.TryGetProperty("recognitions", out var r) ? r.GetArrayLength() : 0;
        }
        return (codes.Count, years, honors, recognitions);
    }

    private async Task<(int Code, string Stdout, string Stderr)> LoadAsync(string file, string connection, int batch = RegistryCommand.DefaultBatch, string? basis = null,
        DateOnly? asOf = null)
    {
        if (!File.Exists(KeyFile))
        {
            await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(_key), _ct);
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await RegistryCommand.LoadAsync(
            new RegistryCommand.LoadRequest(new FileInfo(file), connection, databases.Provider, (asOf ?? AsOf).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                AuditKeyFile: KeyFile, BatchSize: batch, RecognitionBasis: basis),
            stdout, stderr, _clock, _ct);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<int> VerifyAsync(string connection)
    {
        var stdout = new StringWriter();
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(connection, databases.Provider, KeyFile), stdout, new StringWriter(), _ct);
        code.ShouldBe(ExitCodes.Ok, stdout.ToString());
        return code;
    }

    /// <summary>Row counts and the audit head: what a load that changes nothing must leave as it was.</summary>
    private async Task<string> SnapshotAsync(string connection)
    {
        await using var db = RegistryContexts.Open(databases.Provider, connection, _key);
        var head = await db.AuditChainHeads.SingleAsync(_ct);
        var revisions = await db.Enterprises.IgnoreQueryFilters().SumAsync(e => e.Revision, _ct);
        var updated = await db.Enterprises.IgnoreQueryFilters().Select(e => e.UpdatedAt).ToListAsync(_ct);
        return string.Join("|", await RegistryContexts.CountAsync<Enterprise>(db, _ct), await RegistryContexts.CountAsync<EnterpriseFinancialYear>(db, _ct),
            await RegistryContexts.CountAsync<EnterpriseHonor>(db, _ct), await RegistryContexts.CountAsync<EnterpriseRecognition>(db, _ct),
            await RegistryContexts.CountAsync<TierOutcome>(db, _ct), head.Sequence, head.Hash, revisions, updated.Max());
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        if (connection.Contains("Host=", StringComparison.Ordinal))
        {
            await using var c = new Npgsql.NpgsqlConnection(connection);
            await c.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(sql, c);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var c = new Microsoft.Data.Sqlite.SqliteConnection(connection);
            await c.OpenAsync();
            await using var command = c.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}

public sealed class SqliteRegistryLoadTests(SqliteDatabases databases) : RegistryLoadTests<SqliteDatabases>(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresRegistryLoadTests(PostgresDatabases databases) : RegistryLoadTests<PostgresDatabases>(databases), IClassFixture<PostgresDatabases>;
