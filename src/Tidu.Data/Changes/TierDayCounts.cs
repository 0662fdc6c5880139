using System.Data.Common;
using Tidu.Data.Entities.Monitoring;
using Tidu.Data.Registry;

namespace Tidu.Data.Changes;

/// <summary>
/// Adds changes to the daily roll-up (<see cref="TierDayCount"/>) inside the caller's transaction: one
/// <c>INSERT … ON CONFLICT … DO UPDATE</c> per region, tier and day, which adds to the stored row (both SQLite and
/// PostgreSQL read this SQL alike), so two writers' changes of one row add up instead of one overwriting the other.
/// </summary>
internal static class TierDayCounts
{
    private const string Upsert = """
        INSERT INTO "TierDayCounts" ("RegionCode", "Tier", "Day", "ProvinceCode", "CityCode", "Qualified", "NearMisses", "Recognized")
        VALUES (@region, @tier, @day, @province, @city, @qualified, @near, @recognized)
        ON CONFLICT ("RegionCode", "Tier", "Day") DO UPDATE SET
            "Qualified" = "TierDayCounts"."Qualified" + excluded."Qualified",
            "NearMisses" = "TierDayCounts"."NearMisses" + excluded."NearMisses",
            "Recognized" = "TierDayCounts"."Recognized" + excluded."Recognized"
        """;

    /// <summary>Writes <paramref name="changes"/> (summed per key first); returns how many roll-up rows were touched.</summary>
    public static async Task<int> ApplyAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<TierDayCount> changes, CancellationToken ct)
    {
        var rows = OutcomeHistory.Sum(changes);
        if (rows.Count == 0)
        {
            return 0;
        }
        await using var command = Command(connection, transaction);
        foreach (var c in rows)
        {
            Bind(command, c);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return rows.Count;
    }

    /// <inheritdoc cref="ApplyAsync"/>
    public static int Apply(DbConnection connection, DbTransaction? transaction, IEnumerable<TierDayCount> changes)
    {
        var rows = OutcomeHistory.Sum(changes);
        if (rows.Count == 0)
        {
            return 0;
        }
        using var command = Command(connection, transaction);
        foreach (var c in rows)
        {
            Bind(command, c);
            command.ExecuteNonQuery();
        }
        return rows.Count;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        foreach (var name in new[] { "region", "tier", "day", "province", "city", "qualified", "near", "recognized" })
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static void Bind(DbCommand command, TierDayCount c)
    {
        command.Parameters[0].Value = c.RegionCode;
        command.Parameters[1].Value = c.Tier;
        command.Parameters[2].Value = c.Day;
        command.Parameters[3].Value = c.ProvinceCode;
        command.Parameters[4].Value = (object?)c.CityCode ?? DBNull.Value;
        command.Parameters[5].Value = c.Qualified;
        command.Parameters[6].Value = c.NearMisses;
        command.Parameters[7].Value = c.Recognized;
    }
}
