using Trial.Protocol.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Scheduling;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Scheduling;

/// <summary>What the Enrollment host gets from AddTrialFollowup: tables created at start, IFollowupContact ready to use.</summary>
public sealed class SchedulingRegistrationTests
{
    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task Host_StartedOnEmptyPostgresDatabase_CreatesFollowupSchemaAndSchedules()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync(nameof(Host_StartedOnEmptyPostgresDatabase_CreatesFollowupSchemaAndSchedules));
        using var host = Build(FollowupDatabase.Postgres, connectionString, TestProtocol.Directory);
        await host.StartAsync();

        var contact = host.Services.GetRequiredService<IFollowupContact>();
        var store = new Trial.Followup.Storage.FollowupStore(Trial.Followup.Storage.FollowupSqlDialect.For(FollowupDatabase.Postgres), connectionString);
        await using (var connection = await store.OpenAsync(CancellationToken.None))
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await contact.ScheduleAsync(Participants.Request(new LocalDate(2013, 8, 31)), tx, CancellationToken.None);
            await tx.CommitAsync();
        }
        await host.StopAsync();

        await using var check = await store.OpenAsync(CancellationToken.None);
        await using var command = Trial.Followup.Storage.SqlStatement.Create(check, "SELECT count(*) FROM followup.occasion");
        Assert.Equal(3L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Host_InvalidFollowupYaml_FailsToStartNamingFilePathAndRule()
    {
        var directory = Directory.CreateTempSubdirectory("followup-protocol-").FullName;
        var yaml = await File.ReadAllTextAsync(Path.Combine(TestProtocol.Directory, FollowupProtocolLoader.FileName));
        await File.WriteAllTextAsync(Path.Combine(directory, FollowupProtocolLoader.FileName), yaml.Replace("closesAfter: P8W", "closesAfter: P0D", StringComparison.Ordinal));
        var sqlite = $"Data Source={Path.Combine(directory, "trial.db")}";
        using var host = Build(FollowupDatabase.Sqlite, sqlite, directory);

        var error = await Assert.ThrowsAsync<ProtocolFileException>(() => host.StartAsync());

        Assert.EndsWith("followup.yaml", error.First.File, StringComparison.Ordinal);
        Assert.Equal("$.occasions[1].closesAfter", error.First.Path);
        Assert.Contains("positive period", error.First.Rule, StringComparison.Ordinal);
    }

    private static IHost Build(FollowupDatabase database, string connectionString, string protocolDirectory)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddFollowupScheduling(new FollowupHostOptions
        {
            ConnectionString = connectionString,
            Database = database,
            ProtocolDirectory = protocolDirectory,
            TimeZone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"],
            PublicBaseUrl = new Uri("https://followup.test/"),
            RunScheduler = false,
        });
        return builder.Build();
    }
}
