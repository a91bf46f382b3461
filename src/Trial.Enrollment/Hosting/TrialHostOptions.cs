using Trial.Enrollment.Persistence;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Hosting;

/// <summary>The "Trial" configuration section (appsettings, environment Trial__*, or --Trial:Key=value).</summary>
public sealed record TrialHostOptions
{
    public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Which of each migration's two scripts this deployment runs.</summary>
    public Trial.Schema.SchemaDialect SchemaDialect => Database == DatabaseProvider.Postgres ? Trial.Schema.SchemaDialect.Postgres : Trial.Schema.SchemaDialect.Sqlite;

    /// <summary>Research store. Defaults to {DataDirectory}/trial.db on SQLite; required on PostgreSQL.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Identity store. Defaults to {DataDirectory}/identity.db on SQLite; on PostgreSQL the research database's "identity" schema.</summary>
    public string? IdentityConnectionString { get; init; }

    /// <summary>The protocol folder; when empty, protocol/ips-norway is searched for upward from the working directory.</summary>
    public string? ProtocolDirectory { get; init; }

    public string DataDirectory { get; init; } = "data";

    /// <summary>File holding the key that encrypts the allocation seed (64 hex digits or base64 of 32 bytes); default {DataDirectory}/allocation-seed.key, created on first use.</summary>
    public string? SeedKeyFile { get; init; }

    /// <summary>Name of an environment variable holding the seed key instead of a file (takes precedence).</summary>
    public string? SeedKeyVariable { get; init; }

    public DemoUserPolicy DemoUsers { get; init; } = DemoUserPolicy.None;

    public Uri? PublicBaseUrl { get; init; }

    /// <summary>
    /// Reverse proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else they
    /// are ignored. Empty (the default): the service faces clients directly.
    /// </summary>
    public string[] KnownProxies { get; init; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) whose every address is believed as a proxy, like <see cref="KnownProxies"/>.</summary>
    public string[] KnownNetworks { get; init; } = [];

    /// <summary>The key-encryption key, 32 bytes base64; never stored in the database. See <see cref="Keys.MasterKey"/>.</summary>
    public string? MasterKey { get; init; }

    /// <summary>Where the master key is read from when <see cref="MasterKey"/> is empty; default {DataDirectory}/master.key.</summary>
    public string? MasterKeyFile { get; init; }

    /// <summary>The SMTP relay for invitations and reminders; without a Host, e-mail is held unsent and shown to the coordinator.</summary>
    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>
    /// PBKDF2 iterations of new staff password hashes: ASP.NET Core Identity's default. Lower only in the Testing
    /// environment (the service refuses to start otherwise), where the tests hash and check passwords thousands of times.
    /// </summary>
    public int PasswordHashIterations { get; init; } = Features.Access.StaffPasswords.DefaultIterations;

    /// <summary>
    /// How many randomisations this process runs in the database at once; further requests wait in the service, in
    /// order, until one finishes (<see cref="Features.Randomisation.RandomisationGate"/>). Default: four per core (8 on
    /// 2 cores, which measured best against 2, 4 and unbounded at 32 clients; see bench/results/enrollment-profile.md).
    /// More only adds waiters on the strata's counter rows, which costs the database CPU and lowers the throughput.
    /// </summary>
    public int ConcurrentRandomisations { get; init; } = 4 * Environment.ProcessorCount;

    /// <summary>Whether this process runs Follow-up's Quartz scheduler (tools such as export do not).</summary>
    public FollowupSchedulerPolicy FollowupScheduler { get; init; } = FollowupSchedulerPolicy.Run;

    public string ResearchConnection => ConnectionString ?? Database switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(DataDirectory, "trial.db")};Pooling=True;Default Timeout=60",
        _ => throw new InvalidOperationException("Trial:ConnectionString is required with Trial:Database=Postgres."),
    };

    public string IdentityConnection => IdentityConnectionString ?? Database switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(DataDirectory, "identity.db")};Pooling=True;Default Timeout=60",
        _ => ResearchConnection,
    };
}
