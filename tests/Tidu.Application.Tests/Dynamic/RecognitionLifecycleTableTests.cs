using Shouldly;
using Tidu.Application.Dynamic;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Xunit;
using static Tidu.Application.Dynamic.RecognitionStatus;

namespace Tidu.Application.Tests.Dynamic;

/// <summary>
/// Every (status, trigger, role) of a recognition's re-review (复核) and revocation (撤销) against the procedure as
/// written in docs/procedure.md, listed here by hand: only the province officer decides; a recognition not revoked may
/// be kept or revoked; a revoked one takes no step. The document's table is the code's.
/// </summary>
public sealed class RecognitionLifecycleTableTests
{
    private static readonly string[] NotRevoked = [NotYetValid, Valid, ReReviewDue, Expired];

    public static TheoryData<string, RecognitionTrigger, string?> Every()
    {
        var data = new TheoryData<string, RecognitionTrigger, string?>();
        foreach (var status in new[] { NotYetValid, Valid, ReReviewDue, Expired, Revoked })
        {
            foreach (var trigger in Enum.GetValues<RecognitionTrigger>())
            {
                foreach (var role in Roles.All.Append(null))
                {
                    data.Add(status, trigger, role);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_status_trigger_and_role_is_allowed_exactly_as_the_procedure_says(string status, RecognitionTrigger trigger, string? role)
    {
        var row = RecognitionLifecycle.Find(status, trigger);
        var allowed = row is not null && role is not null && Access.May(new Actor("someone", role, RegionScope.Everything("someone")), row.Right);
        allowed.ShouldBe(role == Roles.ProvinceOfficer && NotRevoked.Contains(status));
        if (allowed)
        {
            row!.To.ShouldBe(trigger == RecognitionTrigger.Revoke ? Revoked : null);
            row.GroundRequired.ShouldBe(trigger == RecognitionTrigger.Revoke);
        }
    }

    [Fact]
    public void Every_status_the_computation_gives_is_in_the_table_and_decision_names_mean_their_triggers()
    {
        RecognitionLifecycle.Statuses.ShouldBe([NotYetValid, Valid, ReReviewDue, Expired, Revoked], ignoreOrder: true);
        RecognitionLifecycle.TriggerOf(" Keep ").ShouldBe(RecognitionTrigger.Keep);
        RecognitionLifecycle.TriggerOf("revoke").ShouldBe(RecognitionTrigger.Revoke);
        RecognitionLifecycle.TriggerOf("extend").ShouldBeNull();
    }

    [Fact]
    public void The_documented_table_is_the_table_the_code_runs()
    {
        var rows = ProcedureDoc.TableRows("| from | trigger | right | to | decision | ground |", "recognition lifecycle");
        rows.Count.ShouldBe(RecognitionLifecycle.Table.Count);
        foreach (var (cells, row) in rows.Zip(RecognitionLifecycle.Table))
        {
            var at = string.Join(" | ", cells[..2]);
            cells[0].ShouldBe(row.From, at);
            cells[1].ShouldBe($"`{row.Trigger}`", at);
            cells[2].ShouldBe($"`{row.Right}`", at);
            cells[3].ShouldBe(row.To ?? "(from the extended validity)", at);
            cells[4].ShouldBe($"`{row.Decision}`", at);
            cells[5].ShouldBe(row.GroundRequired ? "yes" : "no", at);
        }
    }
}
