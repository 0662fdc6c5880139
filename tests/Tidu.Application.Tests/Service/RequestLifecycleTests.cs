using Shouldly;
using Tidu.Application.Service;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Xunit;
using static Tidu.Data.Entities.Service.RequestStatus;

namespace Tidu.Application.Tests.Service;

/// <summary>
/// Every (state, trigger, role) of the request lifecycle against the procedure as written in docs/procedure.md
/// (“The request lifecycle”), listed here by hand: the enterprise raises and closes, officers and commissioners accept
/// and answer, the platform alone escalates. Anything not listed must be refused. The document's table is the code's.
/// </summary>
public sealed class RequestLifecycleTests
{
    private static readonly string[] Answering = [Roles.CountyOfficer, Roles.CityOfficer, Roles.ProvinceOfficer, Roles.Commissioner];

    private static readonly string?[] AllRoles = [.. Roles.All, null];

    private static readonly RequestStatus?[] AllStates = [null, .. Enum.GetValues<RequestStatus>().Cast<RequestStatus?>()];

    // (from, trigger) → (to, who may fire it; null: the platform)
    private static readonly Dictionary<(RequestStatus?, RequestTrigger), (RequestStatus To, string?[] Who)> Expected = new()
    {
        [(null, RequestTrigger.Raise)] = (Submitted, [Roles.Enterprise]),
        [(Submitted, RequestTrigger.Accept)] = (Accepted, Answering),
        [(Submitted, RequestTrigger.Reply)] = (Replied, Answering),
        [(Accepted, RequestTrigger.Reply)] = (Replied, Answering),
        [(Replied, RequestTrigger.Reply)] = (Replied, Answering),
        [(Submitted, RequestTrigger.Escalate)] = (Submitted, [null]),
        [(Accepted, RequestTrigger.Escalate)] = (Submitted, [null]),
        [(Replied, RequestTrigger.Close)] = (Closed, [Roles.Enterprise]),
    };

    public static TheoryData<RequestStatus?, RequestTrigger, string?> Every()
    {
        var data = new TheoryData<RequestStatus?, RequestTrigger, string?>();
        foreach (var state in AllStates)
        {
            foreach (var trigger in Enum.GetValues<RequestTrigger>())
            {
                foreach (var role in AllRoles)
                {
                    data.Add(state, trigger, role);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_state_trigger_and_role_is_allowed_exactly_as_the_procedure_says(RequestStatus? state, RequestTrigger trigger, string? role)
    {
        var row = RequestLifecycle.Find(state, trigger);
        var allowed = row is not null && (row.Right is { } right
            ? role is not null && Access.May(new Actor("someone", role, RegionScope.Everything("someone")), right)
            : role is null);
        if (Expected.TryGetValue((state, trigger), out var expected) && expected.Who.Contains(role))
        {
            allowed.ShouldBeTrue();
            row!.To.ShouldBe(expected.To);
        }
        else
        {
            allowed.ShouldBeFalse();
        }
    }

    [Fact]
    public void The_table_has_no_row_the_procedure_does_not_list_and_no_duplicate()
    {
        RequestLifecycle.Table.Select(t => (t.From, t.Trigger)).ShouldBe(Expected.Keys, ignoreOrder: true);
        RequestLifecycle.Table.Select(t => (t.From, t.Trigger)).ShouldBeUnique();
    }

    [Fact]
    public void A_closed_request_offers_no_step_and_only_unanswered_requests_escalate()
    {
        RequestLifecycle.Table.ShouldNotContain(t => t.From == Closed);
        RequestLifecycle.Escalating.ShouldBe([Submitted, Accepted], ignoreOrder: true);
    }

    [Fact]
    public void The_documented_table_is_the_table_the_code_runs()
    {
        var rows = ProcedureDoc.TableRows("| from | trigger | right | to | entry | needs |", "request lifecycle");
        rows.Count.ShouldBe(RequestLifecycle.Table.Count);
        foreach (var (cells, row) in rows.Zip(RequestLifecycle.Table))
        {
            var at = string.Join(" | ", cells[..3]);
            cells[0].ShouldBe(row.From?.ToString() ?? "(new)", at);
            cells[1].ShouldBe($"`{row.Trigger}`", at);
            cells[2].ShouldBe(row.Right is { } right ? $"`{right}`" : "— (the platform)", at);
            cells[3].ShouldBe(row.To.ToString(), at);
            cells[4].ShouldBe($"`{row.EntryKind}`", at);
            (row.Guard == RequestGuard.None ? cells[5].StartsWith('—') : cells[5].StartsWith($"`{row.Guard}`", StringComparison.Ordinal)).ShouldBeTrue(at);
        }
    }
}
