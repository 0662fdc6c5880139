using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using Tidu.Data.Auditing;
using Tidu.Data.Cryptography;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Service;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;

namespace Tidu.Data;

/// <summary>
/// The platform's database. Region scope is enforced here, not in the UI: every query of enterprise data
/// goes through a filter built from the actor's scope, and every write is checked against it and audited
/// in the same transaction. Provider-specific subclasses exist only to keep separate migrations.
/// </summary>
public abstract class TiduDbContext : IdentityDbContext<TiduUser>
{
    private readonly IRegionScopeSource _scopeSource;
    private readonly TimeProvider _clock;
    private readonly AuditHashing? _hashing;

    protected TiduDbContext(DbContextOptions options, IRegionScopeSource scope, TimeProvider clock, FieldCipher cipher, AuditHashing? hashing)
        : base(options)
    {
        // Read at every query and save, not here: the context can be created before the request's user is known.
        _scopeSource = scope;
        _clock = clock;
        Cipher = cipher;
        _hashing = hashing;
    }

    /// <summary>Encrypts the sensitive columns (<see cref="SensitiveFields"/>) with the platform's keys.</summary>
    public FieldCipher Cipher { get; }

    /// <summary>The keyed hash that seals new audit entries; a context without a key reads but cannot write audited changes.</summary>
    public IAuditHasher AuditHasher => _hashing?.Current
        ?? throw new AuditTrailViolationException("no audit hash key is configured (Audit:HashKey or Audit:HashKeyFile): audited changes cannot be saved");

    /// <summary>Every hasher verification may meet (null without a key).</summary>
    public AuditHashing? Hashing => _hashing;

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<EnterpriseFinancialYear> FinancialYears => Set<EnterpriseFinancialYear>();
    public DbSet<EnterpriseRecognition> Recognitions => Set<EnterpriseRecognition>();
    public DbSet<EnterpriseHonor> Honors => Set<EnterpriseHonor>();
    public DbSet<TierOutcome> TierOutcomes => Set<TierOutcome>();
    public DbSet<DatedTierOutcome> OutcomeHistory => Set<DatedTierOutcome>();
    public DbSet<Entities.Monitoring.TierDayCount> TierDayCounts => Set<Entities.Monitoring.TierDayCount>();
    public DbSet<Entities.Monitoring.FileMixCount> FileMixCounts => Set<Entities.Monitoring.FileMixCount>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<RoundQuota> RoundQuotas => Set<RoundQuota>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationDecision> ApplicationDecisions => Set<ApplicationDecision>();
    public DbSet<ApplicationObjection> ApplicationObjections => Set<ApplicationObjection>();
    public DbSet<RoundExpertReview> RoundExpertReviews => Set<RoundExpertReview>();
    public DbSet<ExpertAssignment> ExpertAssignments => Set<ExpertAssignment>();
    public DbSet<ApplicationMaterial> ApplicationMaterials => Set<ApplicationMaterial>();
    public DbSet<ApplicationDeclaration> ApplicationDeclarations => Set<ApplicationDeclaration>();
    public DbSet<VerifiedValue> VerifiedValues => Set<VerifiedValue>();
    public DbSet<Entities.Sharing.SharingConsent> SharingConsents => Set<Entities.Sharing.SharingConsent>();
    public DbSet<Entities.Sharing.ListPull> ListPulls => Set<Entities.Sharing.ListPull>();
    public DbSet<CommissionerAssignment> CommissionerAssignments => Set<CommissionerAssignment>();
    public DbSet<EnterpriseRequest> EnterpriseRequests => Set<EnterpriseRequest>();
    public DbSet<RequestEntry> RequestEntries => Set<RequestEntry>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Entities.Dynamic.RecognitionReview> RecognitionReviews => Set<Entities.Dynamic.RecognitionReview>();
    public DbSet<Entities.Dynamic.PoolMembership> PoolMemberships => Set<Entities.Dynamic.PoolMembership>();
    public DbSet<Entities.Dynamic.Notification> Notifications => Set<Entities.Dynamic.Notification>();
    public DbSet<Entities.Dynamic.NotificationRead> NotificationReads => Set<Entities.Dynamic.NotificationRead>();
    public DbSet<Entities.Dynamic.NotificationEmail> NotificationEmails => Set<Entities.Dynamic.NotificationEmail>();
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();
    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();
    public DbSet<Entities.Monitoring.OfficialRecognitionCount> OfficialRecognitionCounts => Set<Entities.Monitoring.OfficialRecognitionCount>();
    public DbSet<Entities.Dynamic.OfficialRecognitionList> OfficialRecognitionLists => Set<Entities.Dynamic.OfficialRecognitionList>();
    public DbSet<Entities.Importing.ImportJobRecord> ImportJobs => Set<Entities.Importing.ImportJobRecord>();
    public DbSet<Entities.Importing.ImportJobContent> ImportJobContents => Set<Entities.Importing.ImportJobContent>();
    public DbSet<Entities.Importing.ImportJobIssue> ImportJobIssues => Set<Entities.Importing.ImportJobIssue>();

    /// <summary>
    /// The keys that protect sign-in cookies and anti-forgery tokens, shared by every node of the platform (a cookie
    /// issued by one node is read by any other) and stored encrypted with the field keys.
    /// </summary>
    public DbSet<Entities.Security.DataProtectionKey> DataProtectionKeys => Set<Entities.Security.DataProtectionKey>();

    /// <summary>Failed sign-ins per user name and address, shared by every node (the throttle of the sign-in page).</summary>
    public DbSet<Entities.Security.SignInFailure> SignInFailures => Set<Entities.Security.SignInFailure>();

    public RegionScope Scope => _scopeSource.Current;

    // The query filters read these members of the context instance; EF turns them into parameters per query. Each kind of
    // scope sets its own members and leaves the others null, and every filter test compares a column with its member so
    // that a null member makes the test false by nullability alone: EF Core generates (and caches) the SQL per parameter
    // nullness and drops those tests, so a region officer's query carries one indexed equality (see RegionScope).
    /// <summary>
    /// The empty string when the scope is everything, else null: tested as <c>CreditCode.StartsWith(ScopeAllPrefix)</c>
    /// (<c>LIKE '%'</c>), which holds for every row when set and which EF Core folds to false when null.
    /// </summary>
    public string? ScopeAllPrefix => Scope.All ? "" : null;

    public string? ScopeProvinceCode => Scope.ProvinceCode;
    public string? ScopeCityCode => Scope.CityCode;
    public string? ScopeCountyCode => Scope.CountyCode;
    public string? ScopeCreditCode => Scope.CreditCode;
    public string? ScopeExpertId => Scope.ExpertId;
    public bool ScopeSeesReviewers => Scope.SeesReviewers;
    public string ScopeActor => Scope.Actor;

    /// <summary>Rule versions in force for the writes being saved, recorded with every audit entry.</summary>
    public string? RuleSetVersion { get; set; }

    /// <summary>What this context's current save and open transaction wrote, so that a commit retires only those regions' cached counts.</summary>
    public Changes.PendingWrites Writes { get; } = new();

    /// <summary>
    /// What issues or changes recognitions in the saves of this context: a round's decision ("application:17"), a
    /// re-review ("re-review:5"), an official list ("official-list:文号"). Unset, a save that touches a recognition is
    /// refused: recognitions never come from editing or importing a file. Stored as a new recognition's basis.
    /// </summary>
    public string? RecognitionBasis { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        // Every context, whoever built it (DI, CLI, tests), tells the process's count caches that data changed.
        optionsBuilder.AddInterceptors(Changes.CommittedWritesInterceptor.Instance);
        optionsBuilder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, KeyRingModelCacheKeyFactory>();
        base.OnConfiguring(optionsBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TiduDbContext).Assembly);
        SensitiveFields.Apply(builder, Cipher);

        // Exactly one kind of scope member is set (the kinds of RegionScope are exclusive), and each test is false when its
        // member is null by the comparison itself, never by a separate `member != null` (EF Core would make that a boolean
        // parameter, and `@flag OR …` keeps SQLite off every index): EF Core folds comparisons with null parameters when it
        // generates the SQL, so only the set kind's test reaches the database. (A `member ?? column` form was tried and is
        // mistranslated inside query filters: the whole filter vanished — ListQueryPlanTests and the attack matrix guard this.)
        Expression<Func<Enterprise, bool>> visible = Or(
            e => e.CreditCode.StartsWith(ScopeAllPrefix!)
                || e.CreditCode == ScopeCreditCode
                // An expert sees the enterprises of the applications assigned to them, nothing else.
                || ExpertAssignments.Any(x => x.ExpertId == ScopeExpertId && x.EnterpriseId == e.Id),
            RegionScope.Within(() => ScopeProvinceCode, () => ScopeCityCode, () => ScopeCountyCode));
        builder.Entity<Enterprise>().HasQueryFilter(visible);
        builder.Entity<EnterpriseFinancialYear>().HasQueryFilter(Through<EnterpriseFinancialYear>(f => f.Enterprise, visible));
        builder.Entity<EnterpriseRecognition>().HasQueryFilter(Through<EnterpriseRecognition>(r => r.Enterprise, visible));
        builder.Entity<EnterpriseHonor>().HasQueryFilter(Through<EnterpriseHonor>(h => h.Enterprise, visible));
        builder.Entity<TierOutcome>().HasQueryFilter(Through<TierOutcome>(t => t.Enterprise, visible));
        builder.Entity<DatedTierOutcome>().HasQueryFilter(Through<DatedTierOutcome>(t => t.Enterprise, visible));
        // Counts are per region: everything, or the scope's region by its own columns (no enterprise to go through).
        builder.Entity<Entities.Monitoring.TierDayCount>().HasQueryFilter(Or(
            c => c.RegionCode.StartsWith(ScopeAllPrefix!),
            RegionScope.CountsWithin(() => ScopeProvinceCode, () => ScopeCityCode, () => ScopeCountyCode)));
        builder.Entity<Entities.Monitoring.FileMixCount>().HasQueryFilter(Or(
            c => c.RegionCode.StartsWith(ScopeAllPrefix!),
            RegionScope.MixWithin(() => ScopeProvinceCode, () => ScopeCityCode, () => ScopeCountyCode)));
        // An application is the enterprise's: whoever cannot see the enterprise cannot see or decide on it. An expert
        // sees only the applications assigned to them, not the enterprise's other applications.
        var visibleEnterprise = Through<Application>(a => a.Enterprise, visible);
        Expression<Func<Application, bool>> assignedToExpert = a =>
            ScopeExpertId == null || ExpertAssignments.Any(x => x.ExpertId == ScopeExpertId && x.ApplicationId == a.Id);
        var visibleApplication = Expression.Lambda<Func<Application, bool>>(
            Expression.AndAlso(visibleEnterprise.Body, ReplacingExpressionVisitor.Replace(assignedToExpert.Parameters[0], visibleEnterprise.Parameters[0], assignedToExpert.Body)),
            visibleEnterprise.Parameters);
        builder.Entity<Application>().HasQueryFilter(visibleApplication);
        // Need to know: who was assigned to review and what each expert declared and scored is shown only to those the
        // access matrix lets see reviewers (and to each expert, their own steps); the others read the conclusion.
        var decisionOfVisibleApplication = Through<ApplicationDecision, Application>(d => d.Application, visibleApplication);
        Expression<Func<ApplicationDecision, bool>> reviewerStepShown = d =>
            ScopeSeesReviewers
            || (d.Level != "expert" && d.Decision != "assign-expert")
            || (ScopeExpertId != null && d.Level == "expert" && d.Actor == ScopeActor);
        builder.Entity<ApplicationDecision>().HasQueryFilter(Expression.Lambda<Func<ApplicationDecision, bool>>(
            Expression.AndAlso(decisionOfVisibleApplication.Body,
                ReplacingExpressionVisitor.Replace(reviewerStepShown.Parameters[0], decisionOfVisibleApplication.Parameters[0], reviewerStepShown.Body)),
            decisionOfVisibleApplication.Parameters));
        builder.Entity<ApplicationObjection>().HasQueryFilter(Through<ApplicationObjection, Application>(o => o.Application, visibleApplication));
        builder.Entity<ApplicationMaterial>().HasQueryFilter(Through<ApplicationMaterial, Application>(m => m.Application, visibleApplication));
        builder.Entity<ApplicationDeclaration>().HasQueryFilter(Through<ApplicationDeclaration, Application>(d => d.Application, visibleApplication));
        builder.Entity<VerifiedValue>().HasQueryFilter(Through<VerifiedValue, Application>(v => v.Application, visibleApplication));
        // Assignments: the expert their own; officers who may see reviewers those of their region (by the region copied at
        // assignment: going through the enterprise would make the enterprise filter, which reads assignments, a cycle).
        // Enterprise users, and officers who only read the conclusion, do not see who scores.
        var assignmentInRegion = RegionScope.AssignmentsWithin(() => ScopeProvinceCode, () => ScopeCityCode, () => ScopeCountyCode);
        Expression<Func<ExpertAssignment, bool>> seesReviewers = x => ScopeSeesReviewers;
        builder.Entity<ExpertAssignment>().HasQueryFilter(Or(
            x => x.ExpertId.StartsWith(ScopeAllPrefix!) || x.ExpertId == ScopeExpertId,
            And(seesReviewers, assignmentInRegion)));
        builder.Entity<Entities.Sharing.SharingConsent>().HasQueryFilter(Through<Entities.Sharing.SharingConsent>(c => c.Enterprise, visible));
        // Service rows (commissioners, requests, visits) belong to the enterprise they serve.
        builder.Entity<CommissionerAssignment>().HasQueryFilter(Through<CommissionerAssignment>(a => a.Enterprise, visible));
        builder.Entity<EnterpriseRequest>().HasQueryFilter(Through<EnterpriseRequest>(r => r.Enterprise, visible));
        builder.Entity<RequestEntry>().HasQueryFilter(Through<RequestEntry>(e => e.Request.Enterprise, visible));
        builder.Entity<Visit>().HasQueryFilter(Through<Visit>(v => v.Enterprise, visible));
        // Dynamic management: re-review decisions and pool stays are the enterprise's; a notice about an enterprise
        // is hidden with it (a notice about no enterprise is filtered by its recipient only).
        builder.Entity<Entities.Dynamic.RecognitionReview>().HasQueryFilter(Through<Entities.Dynamic.RecognitionReview>(r => r.Enterprise, visible));
        builder.Entity<Entities.Dynamic.PoolMembership>().HasQueryFilter(Through<Entities.Dynamic.PoolMembership>(p => p.Enterprise, visible));
        var aboutVisible = Through<Entities.Dynamic.Notification>(n => n.Enterprise!, visible);
        var noEnterprise = (Expression<Func<Entities.Dynamic.Notification, bool>>)(n => n.EnterpriseId == null);
        var visibleNotification = Expression.Lambda<Func<Entities.Dynamic.Notification, bool>>(
            Expression.OrElse(noEnterprise.Body, ReplacingExpressionVisitor.Replace(aboutVisible.Parameters[0], noEnterprise.Parameters[0], aboutVisible.Body)),
            noEnterprise.Parameters);
        builder.Entity<Entities.Dynamic.Notification>().HasQueryFilter(visibleNotification);
        // An e-mail copy is hidden with its notice.
        builder.Entity<Entities.Dynamic.NotificationEmail>().HasQueryFilter(
            Through<Entities.Dynamic.NotificationEmail, Entities.Dynamic.Notification>(x => x.Notification, visibleNotification));
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters);

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters);

    /// <summary>The enterprise filter applied to a child row through its navigation to the enterprise.</summary>
    private static Expression<Func<T, bool>> Through<T>(Expression<Func<T, Enterprise>> navigation, Expression<Func<Enterprise, bool>> filter) =>
        Through<T, Enterprise>(navigation, filter);

    /// <summary>A parent's filter applied to a child row through its navigation to the parent.</summary>
    private static Expression<Func<T, bool>> Through<T, TParent>(Expression<Func<T, TParent>> navigation, Expression<Func<TParent, bool>> filter)
    {
        var body = ReplacingExpressionVisitor.Replace(filter.Parameters[0], navigation.Body, filter.Body);
        return Expression.Lambda<Func<T, bool>>(body, navigation.Parameters);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        var pending = PendingAuditEntries();
        var counts = PendingCounts();
        var recognized = Changes.RecognitionCounts.Pending(this);
        if (pending.Count == 0 && counts.Count == 0 && recognized.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        if (Database.CurrentTransaction is { } current)
        {
            AuditChainSealer.Seal(this, pending);
            var result = base.SaveChanges(acceptAllChangesOnSuccess);
            WriteCounts(counts, () => Changes.TierDayCounts.Apply(Database.GetDbConnection(), current.GetDbTransaction(), counts.SelectMany(e => e.PendingCounts).Concat(recognized)));
            return result;
        }
        // The chain head is locked from the sealing until the commit: the changes and their entries go in together, and
        // the roll-up's changes with the history rows and recognitions they sum.
        using var transaction = Database.BeginTransaction();
        AuditChainSealer.Seal(this, pending);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        WriteCounts(counts, () => Changes.TierDayCounts.Apply(Database.GetDbConnection(), transaction.GetDbTransaction(), counts.SelectMany(e => e.PendingCounts).Concat(recognized)));
        transaction.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        var pending = PendingAuditEntries();
        var counts = PendingCounts();
        var recognized = await Changes.RecognitionCounts.PendingAsync(this, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0 && counts.Count == 0 && recognized.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        if (Database.CurrentTransaction is { } current)
        {
            await AuditChainSealer.SealAsync(this, pending, cancellationToken).ConfigureAwait(false);
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            await Changes.TierDayCounts.ApplyAsync(Database.GetDbConnection(), current.GetDbTransaction(), counts.SelectMany(e => e.PendingCounts).Concat(recognized), cancellationToken).ConfigureAwait(false);
            ClearCounts(counts);
            return result;
        }
        var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await AuditChainSealer.SealAsync(this, pending, cancellationToken).ConfigureAwait(false);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            await Changes.TierDayCounts.ApplyAsync(Database.GetDbConnection(), transaction.GetDbTransaction(), counts.SelectMany(e => e.PendingCounts).Concat(recognized), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            ClearCounts(counts);
            return saved;
        }
    }

    /// <summary>Enterprises with roll-up changes waiting for this save (evaluations stored on them since the last one).</summary>
    private List<Enterprise> PendingCounts() =>
        ChangeTracker.Entries<Enterprise>().Select(e => e.Entity).Where(e => e.PendingCounts.Count > 0).ToList();

    private static void WriteCounts(List<Enterprise> enterprises, Func<int> write)
    {
        write();
        ClearCounts(enterprises);
    }

    // Written once: a later save of the same objects must not add them again.
    private static void ClearCounts(List<Enterprise> enterprises)
    {
        foreach (var e in enterprises)
        {
            e.PendingCounts.Clear();
        }
    }

    /// <summary>Refuses a save with a text longer than its column (see <see cref="ValueTooLongException"/>).</summary>
    private static void CheckLengths(IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries)
    {
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && property.Metadata.GetMaxLength() is { } limit && text.Length > limit
                    && (entry.State == EntityState.Added || property.IsModified))
                {
                    throw new ValueTooLongException(entry.Metadata.ClrType.Name, property.Metadata.Name, limit, text.Length);
                }
            }
        }
    }

    // All of them, every time: a save that failed after sealing is sealed again on retry, against the head as it is then.
    private List<AuditEntry> PendingAuditEntries() =>
        ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    private void BeforeSave()
    {
        ChangeTracker.DetectChanges();
        var entries = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var scope = Scope;
        ScopeGuard.Check(this, entries, scope);
        CheckLengths(entries);
        var now = _clock.GetUtcNow();
        foreach (var e in entries.Where(e => e.Entity is Enterprise && e.State != EntityState.Deleted))
        {
            var enterprise = (Enterprise)e.Entity;
            enterprise.UpdatedAt = now;
            if (e.State == EntityState.Modified)
            {
                enterprise.Revision++;
            }
        }
        foreach (var e in entries.Where(e => e.Entity is Application && e.State != EntityState.Deleted))
        {
            var application = (Application)e.Entity;
            application.UpdatedAt = now;
            if (e.State == EntityState.Modified)
            {
                application.Revision++;
            }
        }
        AuditWriter.Append(this, entries, scope.Actor, now, RuleSetVersion);
    }
}
