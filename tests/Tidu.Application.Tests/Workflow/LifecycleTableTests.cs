using Shouldly;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Xunit;
using static Tidu.Data.Entities.Workflow.ApplicationState;

namespace Tidu.Application.Tests.Workflow;

/// <summary>
/// Every (state, trigger, role) of the recognition lifecycle against the procedure as written in docs/procedure.md, listed
/// here by hand: what is allowed, where it leads, whether it needs a reason, and whether it advances an application
/// (and so needs an override when the reviewers' evaluation does not qualify). Anything not listed must be refused.
/// </summary>
public sealed class LifecycleTableTests
{
    private const string County = Roles.CountyOfficer;
    private const string City = Roles.CityOfficer;
    private const string Province = Roles.ProvinceOfficer;

    private static readonly string?[] AllRoles = [.. Roles.All, "api-client", null];

    private static readonly ApplicationState?[] AllStates = [null, .. Enum.GetValues<ApplicationState>().Cast<ApplicationState?>()];

    // (from, trigger, role) → (to, reason required, advances)
    private static readonly Dictionary<(ApplicationState?, Trigger, string), (ApplicationState To, bool Reason, bool Advances)> Expected = Build();

    private static Dictionary<(ApplicationState?, Trigger, string), (ApplicationState, bool, bool)> Build()
    {
        var e = new Dictionary<(ApplicationState?, Trigger, string), (ApplicationState, bool, bool)>
        {
            [(null, Trigger.Submit, Roles.Enterprise)] = (Submitted, false, false),
            [(Returned, Trigger.Resubmit, Roles.Enterprise)] = (Submitted, false, false),
            [(Submitted, Trigger.CountyApprove, County)] = (CountyApproved, false, true),
            [(Submitted, Trigger.CountyReturn, County)] = (Returned, true, false),
            [(Submitted, Trigger.CountyReject, County)] = (Rejected, true, false),
            [(CountyApproved, Trigger.CityRecommend, City)] = (CityRecommended, false, true),
            [(CountyApproved, Trigger.CityReject, City)] = (Rejected, true, false),
            [(CityRecommended, Trigger.AssignExpert, Province)] = (ExpertReview, false, false),
            [(ExpertReview, Trigger.AssignExpert, Province)] = (ExpertReview, false, false),
            [(ExpertReview, Trigger.DeclareConflictOfInterest, Roles.Expert)] = (ExpertReview, false, false),
            [(ExpertReview, Trigger.Score, Roles.Expert)] = (ExpertReview, false, false),
            [(ExpertReview, Trigger.ConcludeExpertReview, Province)] = (ExpertReviewed, false, false),
            [(CityRecommended, Trigger.ProvinceApprove, Province)] = (ProvinceApproved, false, true),
            [(ExpertReviewed, Trigger.ProvinceApprove, Province)] = (ProvinceApproved, false, true),
            [(CityRecommended, Trigger.ProvinceReject, Province)] = (Rejected, true, false),
            [(ExpertReview, Trigger.ProvinceReject, Province)] = (Rejected, true, false),
            [(ExpertReviewed, Trigger.ProvinceReject, Province)] = (Rejected, true, false),
            [(ProvinceApproved, Trigger.Publicize, Province)] = (Publicity, false, false),
            [(Publicity, Trigger.UpholdObjection, Province)] = (Rejected, true, false),
            [(Publicity, Trigger.DismissObjection, Province)] = (Publicity, true, false),
            [(Publicity, Trigger.Recognize, Province)] = (Recognized, false, false),
        };
        foreach (var officer in new[] { County, City, Province })
        {
            // Any officer records an objection during publicity, and verifies declared values until the province decides.
            e[(Publicity, Trigger.RaiseObjection, officer)] = (Publicity, true, false);
            foreach (var s in new[] { Submitted, CountyApproved, CityRecommended, ExpertReview, ExpertReviewed })
            {
                e[(s, Trigger.VerifyValue, officer)] = (s, true, false);
            }
        }
        return e;
    }

    public static TheoryData<ApplicationState?, Trigger, string?> Every()
    {
        var data = new TheoryData<ApplicationState?, Trigger, string?>();
        foreach (var state in AllStates)
        {
            foreach (var trigger in Enum.GetValues<Trigger>())
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
    public void Each_state_trigger_and_role_is_allowed_exactly_as_the_procedure_says(ApplicationState? state, Trigger trigger, string? role)
    {
        var row = Lifecycle.Find(state, trigger, role);
        if (role is not null && Expected.TryGetValue((state, trigger, role), out var expected))
        {
            row.ShouldNotBeNull($"{role} may {trigger} in {state?.ToString() ?? "(new)"}");
            row.To.ShouldBe(expected.To);
            row.ReasonRequired.ShouldBe(expected.Reason);
            row.Advances.ShouldBe(expected.Advances);
        }
        else
        {
            row.ShouldBeNull($"{role ?? "(no role)"} may not {trigger} in {state?.ToString() ?? "(new)"}");
        }
    }

    [Fact]
    public void The_table_has_no_row_the_procedure_does_not_list_and_no_duplicate()
    {
        Lifecycle.Table.Count.ShouldBe(Expected.Count);
        Lifecycle.Table.Select(t => (t.From, t.Trigger, t.Role)).Distinct().Count().ShouldBe(Lifecycle.Table.Count);
    }

    [Fact]
    public void Terminal_states_offer_no_step_to_anyone()
    {
        foreach (var role in AllRoles)
        {
            Lifecycle.Open(Recognized, role).ShouldBeEmpty();
            Lifecycle.Open(Rejected, role).ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData(County, "approve", Trigger.CountyApprove)]
    [InlineData(County, "return", Trigger.CountyReturn)]
    [InlineData(County, "reject", Trigger.CountyReject)]
    [InlineData(City, "recommend", Trigger.CityRecommend)]
    [InlineData(City, "reject", Trigger.CityReject)]
    [InlineData(Province, "approve", Trigger.ProvinceApprove)]
    [InlineData(Province, "reject", Trigger.ProvinceReject)]
    public void An_officers_decision_name_means_the_trigger_of_their_level(string role, string decision, Trigger trigger) =>
        Lifecycle.DecisionTrigger(role, decision).ShouldBe(trigger);

    [Theory]
    [InlineData(County, "recommend")]
    [InlineData(City, "approve")]
    [InlineData(City, "return")]
    [InlineData(Province, "return")]
    [InlineData(Province, "recommend")]
    [InlineData(Roles.Enterprise, "approve")]
    [InlineData(Roles.Expert, "approve")]
    public void A_decision_name_another_level_takes_means_nothing(string role, string decision) =>
        Lifecycle.DecisionTrigger(role, decision).ShouldBeNull();

    [Fact]
    public void Each_level_waits_for_the_states_its_steps_start_from()
    {
        Lifecycle.WaitingFor(County).ShouldBe([Submitted], ignoreOrder: true);
        Lifecycle.WaitingFor(City).ShouldBe([CountyApproved], ignoreOrder: true);
        Lifecycle.WaitingFor(Province).ShouldBe([CityRecommended, ExpertReview, ExpertReviewed, ProvinceApproved, Publicity], ignoreOrder: true);
        Lifecycle.WaitingFor(Roles.Expert).ShouldBe([ExpertReview], ignoreOrder: true);
    }
}
