using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Fidelity;
using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Hosting.Keys;

namespace Trial.Enrollment.Persistence;

/// <summary>The pseudonymous research store. Direct identifiers live in <see cref="IdentityStoreContext"/>.</summary>
internal sealed class TrialDbContext(DbContextOptions<TrialDbContext> options) : DbContext(options)
{
    public DbSet<ParticipantRecord> Participants => Set<ParticipantRecord>();
    public DbSet<WithdrawalRecord> Withdrawals => Set<WithdrawalRecord>();
    public DbSet<RandomisationRecord> Randomisations => Set<RandomisationRecord>();
    public DbSet<AllocationCounterRecord> AllocationCounters => Set<AllocationCounterRecord>();
    public DbSet<AllocationSeedRecord> AllocationSeeds => Set<AllocationSeedRecord>();
    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();
    public DbSet<AuditChainRecord> AuditChains => Set<AuditChainRecord>();
    public DbSet<StaffUserRecord> StaffUsers => Set<StaffUserRecord>();
    public DbSet<IdCounterRecord> IdCounters => Set<IdCounterRecord>();
    public DbSet<FidelityReviewRecord> FidelityReviews => Set<FidelityReviewRecord>();
    public DbSet<FidelityRatingRecord> FidelityRatings => Set<FidelityRatingRecord>();
    public DbSet<FidelityConsensusRecord> FidelityConsensus => Set<FidelityConsensusRecord>();
    public DbSet<FidelityActionRecord> FidelityActions => Set<FidelityActionRecord>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();
    public DbSet<BaselineAnswerRecord> BaselineAnswers => Set<BaselineAnswerRecord>();

    // Remembered: a randomisation asks four times, and EF's ProviderName resolves the provider service and reads its
    // assembly's name (a new AssemblyName each call), 1.7 % of the service's CPU at 1 client (bench/results/enrollment-profile.md,
    // 2 December). A context's provider never changes, pooled or not.
    private bool? _isPostgres;

    public bool IsPostgres => _isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<LocalDate>().HaveConversion<NodaTimeConverters.LocalDateConverter>();
        configuration.Properties<Instant>().HaveConversion<NodaTimeConverters.InstantConverter>();
        configuration.Properties<ParticipantState>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<WithdrawalScope>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<AllocationMethod>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<FidelityReviewStatus>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<TrialLockRecord>(e => e.ToTable("trial_lock"));
        model.Entity<Features.ProtocolVersions.ProtocolVersionRecord>(e =>
        {
            e.ToTable("protocol_versions");
            e.HasKey(v => v.Version);
        });
        model.Entity<ParticipantRecord>(e =>
        {
            e.ToTable("participants");
            e.HasIndex(p => p.ResearchId).IsUnique();
            e.HasIndex(p => p.Centre);
        });
        model.Entity<WithdrawalRecord>(e =>
        {
            e.ToTable("withdrawals");
            e.HasIndex(w => new { w.ParticipantId, w.Scope }).IsUnique();
        });
        model.Entity<RandomisationRecord>(e =>
        {
            e.ToTable("randomisations");
            e.HasIndex(r => r.ParticipantId).IsUnique();
            e.HasIndex(r => r.IdempotencyKey).IsUnique();
            e.HasIndex(r => new { r.Stratum, r.Period, r.Slot }).IsUnique();
        });
        model.Entity<AllocationCounterRecord>(e =>
        {
            e.ToTable("allocation_counters");
            e.HasKey(c => new { c.Stratum, c.Period });
        });
        model.Entity<AllocationSeedRecord>(e =>
        {
            e.ToTable("allocation_seeds");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.ToTable(t => t.HasCheckConstraint("ck_allocation_seeds_single", "id = 1"));
        });
        model.Entity<AuditEntryRecord>(e =>
        {
            e.ToTable("audit_entries");
            e.HasIndex(a => new { a.Chain, a.ChainSeq }).IsUnique();
            e.HasIndex(a => a.Subject);
        });
        model.Entity<AuditChainRecord>(e =>
        {
            e.ToTable("audit_chains");
            e.HasKey(c => c.Chain);
        });
        model.Entity<StaffUserRecord>(e =>
        {
            e.ToTable("staff_users");
            e.HasIndex(u => u.Username).IsUnique();
        });
        model.Entity<DataProtectionKeyRecord>(e => e.ToTable("data_protection_keys"));
        model.Entity<IdCounterRecord>(e =>
        {
            e.ToTable("id_counters");
            e.HasKey(c => c.Name);
        });
        model.Entity<FidelityReviewRecord>(e =>
        {
            e.ToTable("fidelity_reviews");
            e.HasIndex(r => new { r.Centre, r.Scale, r.ReviewDate }).IsUnique();
        });
        model.Entity<FidelityRatingRecord>(e =>
        {
            e.ToTable("fidelity_ratings");
            e.HasIndex(r => new { r.ReviewId, r.Reviewer, r.Item }).IsUnique();
        });
        model.Entity<FidelityConsensusRecord>(e =>
        {
            e.ToTable("fidelity_consensus");
            e.HasIndex(c => new { c.ReviewId, c.Item }).IsUnique();
        });
        model.Entity<FidelityActionRecord>(e =>
        {
            e.ToTable("fidelity_actions");
            e.HasIndex(a => a.ReviewId);
        });
        model.Entity<BaselineAnswerRecord>(e =>
        {
            e.ToTable("baseline_answers");
            e.HasIndex(a => a.ParticipantId);
        });
        SnakeCaseNames.Apply(model);
    }
}
