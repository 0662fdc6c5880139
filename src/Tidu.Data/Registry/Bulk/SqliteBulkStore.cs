using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tidu.Data.Registry.Bulk;

/// <summary>
/// SQLite: the batch's rows through a handful of prepared statements, reused row after row inside the caller's one
/// transaction (SQLite has no COPY; prepared statements in one transaction are its fast path). Values are bound as CLR
/// values, so they are stored in the same forms EF Core stores them (decimals and dates as text).
/// </summary>
internal sealed class SqliteBulkStore(TiduDbContext db) : IBulkStore
{
    private const string EnterpriseColumns = """
        "CreditCode", "Name", "RegionCode", "ProvinceCode", "CityCode", "IndustryCode", "EstablishedOn", "Attributes", "UpdatedAt",
        "Evaluation_AsOf", "Evaluation_SizeClass", "Evaluation_HighestTier", "Evaluation_NearMissTier", "Evaluation_RuleVersions"
        """;

    private static readonly string[] EnterpriseNames =
        ["CreditCode", "Name", "RegionCode", "ProvinceCode", "CityCode", "IndustryCode", "EstablishedOn", "Attributes", "UpdatedAt",
         "Evaluation_AsOf", "Evaluation_SizeClass", "Evaluation_HighestTier", "Evaluation_NearMissTier", "Evaluation_RuleVersions"];

    private static readonly IReadOnlyList<string> YearNames = YearFields.Columns;

    public async Task WriteAsync(IReadOnlyList<BulkFile> files, DateTimeOffset now, string? recognitionBasis, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        using var insert = Prepare(connection, transaction,
            $"INSERT INTO \"Enterprises\" ({EnterpriseColumns}, \"Revision\") VALUES ({string.Join(", ", EnterpriseNames.Select(n => "$" + n))}, 0) RETURNING \"Id\"",
            EnterpriseNames);
        using var update = Prepare(connection, transaction,
            $"UPDATE \"Enterprises\" SET {string.Join(", ", EnterpriseNames.Select(n => $"\"{n}\" = ${n}"))}, \"Revision\" = \"Revision\" + 1 WHERE \"Id\" = $Id AND \"Revision\" = $Revision",
            [.. EnterpriseNames, "Id", "Revision"]);
        using var evaluation = Prepare(connection, transaction,
            """
            UPDATE "Enterprises" SET "Evaluation_AsOf" = $Evaluation_AsOf, "Evaluation_SizeClass" = $Evaluation_SizeClass, "Evaluation_HighestTier" = $Evaluation_HighestTier,
                "Evaluation_NearMissTier" = $Evaluation_NearMissTier, "Evaluation_RuleVersions" = $Evaluation_RuleVersions WHERE "Id" = $Id AND "Revision" = $Revision
            """,
            ["Evaluation_AsOf", "Evaluation_SizeClass", "Evaluation_HighestTier", "Evaluation_NearMissTier", "Evaluation_RuleVersions", "Id", "Revision"]);
        using var year = Prepare(connection, transaction,
            $"INSERT INTO \"FinancialYears\" (\"EnterpriseId\", \"Year\", {string.Join(", ", YearNames.Select(n => $"\"{n}\""))}) VALUES ($EnterpriseId, $Year, {string.Join(", ", YearNames.Select(n => "$" + n))}) "
            + $"ON CONFLICT (\"EnterpriseId\", \"Year\") DO UPDATE SET {string.Join(", ", YearNames.Select(n => $"\"{n}\" = excluded.\"{n}\""))}",
            ["EnterpriseId", "Year", .. YearNames]);
        using var deleteHonor = Prepare(connection, transaction, "DELETE FROM \"Honors\" WHERE \"Id\" = $Id", ["Id"]);
        using var honor = Prepare(connection, transaction,
            "INSERT INTO \"Honors\" (\"EnterpriseId\", \"Kind\", \"Year\", \"ValidUntil\", \"Rank\") VALUES ($EnterpriseId, $Kind, $Year, $ValidUntil, $Rank)",
            ["EnterpriseId", "Kind", "Year", "ValidUntil", "Rank"]);
        using var deleteRecognition = Prepare(connection, transaction, "DELETE FROM \"Recognitions\" WHERE \"Id\" = $Id", ["Id"]);
        using var recognition = Prepare(connection, transaction,
            "INSERT INTO \"Recognitions\" (\"EnterpriseId\", \"Tier\", \"RecognizedOn\", \"ValidUntil\", \"Issuer\", \"Basis\") VALUES ($EnterpriseId, $Tier, $RecognizedOn, $ValidUntil, $Issuer, $Basis)",
            ["EnterpriseId", "Tier", "RecognizedOn", "ValidUntil", "Issuer", "Basis"]);
        using var deleteOutcomes = Prepare(connection, transaction, "DELETE FROM \"TierOutcomes\" WHERE \"EnterpriseId\" = $Id", ["Id"]);
        using var outcome = Prepare(connection, transaction,
            "INSERT INTO \"TierOutcomes\" (\"EnterpriseId\", \"Tier\", \"Qualified\", \"Score\", \"DecisiveFailures\", \"NearMiss\") VALUES ($EnterpriseId, $Tier, $Qualified, $Score, $DecisiveFailures, $NearMiss)",
            ["EnterpriseId", "Tier", "Qualified", "Score", "DecisiveFailures", "NearMiss"]);
        using var deleteHistory = Prepare(connection, transaction, "DELETE FROM \"OutcomeHistory\" WHERE \"EnterpriseId\" = $Id AND \"AsOf\" = $AsOf", ["Id", "AsOf"]);
        using var history = Prepare(connection, transaction,
            "INSERT INTO \"OutcomeHistory\" (\"EnterpriseId\", \"Tier\", \"AsOf\", \"RuleVersion\", \"Qualified\", \"NearMiss\", \"Score\", \"ProvinceCode\", \"CityCode\", \"RegionCode\") "
            + "VALUES ($EnterpriseId, $Tier, $AsOf, $RuleVersion, $Qualified, $NearMiss, $Score, $ProvinceCode, $CityCode, $RegionCode)",
            ["EnterpriseId", "Tier", "AsOf", "RuleVersion", "Qualified", "NearMiss", "Score", "ProvinceCode", "CityCode", "RegionCode"]);

        foreach (var f in files)
        {
            ct.ThrowIfCancellationRequested();
            var e = f.Entity;
            if (f.Changed)
            {
                var command = f.IsNew ? insert : update;
                Bind(command, e.CreditCode, e.Name, e.RegionCode, e.ProvinceCode, e.CityCode, e.IndustryCode, e.EstablishedOn, e.Attributes, now,
                    e.Evaluation?.AsOf, e.Evaluation?.SizeClass, e.Evaluation?.HighestTier, e.Evaluation?.NearMissTier, e.Evaluation?.RuleVersions);
                if (f.IsNew)
                {
                    e.Id = (long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                }
                else
                {
                    update.Parameters["$Id"].Value = e.Id;
                    update.Parameters["$Revision"].Value = f.LoadedRevision;
                    Expect(await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false));
                }
                foreach (var y in e.Financials)
                {
                    Bind(year, [e.Id, y.Year, .. YearFields.Values(y)]);
                    await year.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                foreach (var id in f.RemovedHonors)
                {
                    Bind(deleteHonor, id);
                    await deleteHonor.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                foreach (var h in e.Honors.Where(h => h.Id == 0))
                {
                    Bind(honor, e.Id, h.Kind, h.Year, h.ValidUntil, h.Rank);
                    await honor.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                foreach (var id in f.RemovedRecognitions)
                {
                    Bind(deleteRecognition, id);
                    await deleteRecognition.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                foreach (var r in e.Recognitions.Where(r => r.Id == 0))
                {
                    Bind(recognition, e.Id, r.Tier, r.RecognizedOn, r.ValidUntil, r.Issuer, r.Basis ?? recognitionBasis);
                    await recognition.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }
            else
            {
                Bind(evaluation, e.Evaluation?.AsOf, e.Evaluation?.SizeClass, e.Evaluation?.HighestTier, e.Evaluation?.NearMissTier, e.Evaluation?.RuleVersions,
                    e.Id, f.LoadedRevision);
                Expect(await evaluation.ExecuteNonQueryAsync(ct).ConfigureAwait(false));
            }
            if (f.Evaluated)
            {
                if (!f.IsNew)
                {
                    Bind(deleteOutcomes, e.Id);
                    await deleteOutcomes.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                foreach (var o in e.TierOutcomes)
                {
                    Bind(outcome, e.Id, o.Tier, o.Qualified, o.Score, o.DecisiveFailures, o.NearMiss);
                    await outcome.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                // The history rows of the evaluation's date (the only date an evaluation writes): replaced as a whole.
                var asOf = e.Evaluation!.AsOf;
                if (!f.IsNew)
                {
                    Bind(deleteHistory, e.Id, asOf);
                    await deleteHistory.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                foreach (var h in e.OutcomeHistory.Where(h => h.AsOf == asOf))
                {
                    Bind(history, e.Id, h.Tier, h.AsOf, h.RuleVersion, h.Qualified, h.NearMiss, h.Score, h.ProvinceCode, h.CityCode, h.RegionCode);
                    await history.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }
        }
        await Changes.TierDayCounts.ApplyAsync(connection, transaction, files.SelectMany(f => f.Entity.PendingCounts), ct).ConfigureAwait(false);
    }

    private static void Expect(int rows)
    {
        if (rows != 1)
        {
            throw new BulkConflictException("another writer changed one of these files while it was being loaded; nothing of this batch was written, load it again");
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, IReadOnlyList<string> names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // the SQL is built from the constant column lists above, never from input
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter("$" + name, null));
        }
        command.Prepare();
        return command;
    }

    /// <summary>Binds the values in the order the parameters were declared (null as SQL NULL).</summary>
    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
