using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Api;

/// <summary>One running service per test class and provider; tests use fresh people, so none depends on another's rows.</summary>
/// <param name="protocolDirectory">A protocol folder other than the IPS protocol (e.g. with a newer consent form).</param>
public abstract class ApiFixture(DatabaseProvider provider, string? protocolDirectory = null) : IAsyncLifetime
{
    private static int _nextPerson = 1000;

    public TrialTestApp App { get; private set; } = null!;

    public static int NextPerson() => Interlocked.Increment(ref _nextPerson);

    public async Task InitializeAsync()
    {
        App = await TrialTestApp.StartAsync(provider, "api", protocolDirectory: protocolDirectory);
        await TrialApi.SetSeedAsync(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteApiFixture() : ApiFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApiFixture() : ApiFixture(DatabaseProvider.Postgres);

/// <summary>The IPS protocol with consent form 1.1 in force from 2014-06-01, so consent on 1.0 must be given again.</summary>
public sealed class SqliteNewConsentFormFixture() : ApiFixture(DatabaseProvider.Sqlite, RepositoryPaths.CopyOfIpsProtocolWithNewConsentForm());

/// <inheritdoc cref="SqliteNewConsentFormFixture"/>
public sealed class PostgresNewConsentFormFixture() : ApiFixture(DatabaseProvider.Postgres, RepositoryPaths.CopyOfIpsProtocolWithNewConsentForm());
