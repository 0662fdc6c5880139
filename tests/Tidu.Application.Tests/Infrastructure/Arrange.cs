using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Application.Tests.Infrastructure;

/// <summary>Rows a test needs, written as the system; each test builds its own in its own host.</summary>
public static class Arrange
{
    /// <summary>An enterprise of a county of Zhejiang (its city and province derived from the region code).</summary>
    public static Enterprise Enterprise(TiduDbContext db, string creditCode, string county, string name = "测试企业")
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(county);
        var e = new Enterprise
        {
            CreditCode = creditCode,
            Name = name,
            RegionCode = county,
            ProvinceCode = county[..2] + "0000",
            CityCode = county[..4] + "00",
            IndustryCode = "C3511",
            Attributes = "{}",
            UpdatedAt = UseCaseHost.Start,
        };
        db.Enterprises.Add(e);
        return e;
    }

    public static Round Round(TiduDbContext db, string title = "测试批次", string province = "330000")
    {
        ArgumentNullException.ThrowIfNull(db);
        var r = new Round
        {
            Title = title,
            Tier = "specialized-sme",
            RegionCode = province,
            OpensOn = UseCaseHost.Today.AddDays(-10),
            ClosesOn = UseCaseHost.Today.AddDays(10),
            RuleSetVersion = "test",
            OpenedBy = "system:test",
            OpenedAt = UseCaseHost.Start,
            PublicityWorkingDays = 5,
            ValidityYears = 3,
        };
        db.Rounds.Add(r);
        return r;
    }

    /// <summary>An application already in <paramref name="state"/> (how it got there is the lifecycle's business, tested apart).</summary>
    public static Data.Entities.Workflow.Application Application(TiduDbContext db, Round round, Enterprise enterprise, ApplicationState state)
    {
        ArgumentNullException.ThrowIfNull(db);
        var a = new Data.Entities.Workflow.Application
        {
            Round = round,
            Enterprise = enterprise,
            DeclaredTrue = true,
            SubmittedAt = UseCaseHost.Start,
            UpdatedAt = UseCaseHost.Start,
            PreEvaluation = "{}",
            PreEvaluationRuleVersion = "test",
        };
        a.State = state;
        db.Applications.Add(a);
        return a;
    }
}
