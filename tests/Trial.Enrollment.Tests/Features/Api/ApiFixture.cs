using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Api;

/// <summary>One running service per test class and provider; tests use fresh people, so none depends on another's rows.</summary>
public abstract class ApiFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private static int _nextPerson = 1000;

    public TrialTestApp App { get; private set; } = null!;

    public static int NextPerson() => Interlocked.Increment(ref _nextPerson);

    public async Task InitializeAsync()
    {
        App = await TrialTestApp.StartAsync(provider, "api");
        await TrialApi.SetSeedAsync(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteApiFixture() : ApiFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApiFixture() : ApiFixture(DatabaseProvider.Postgres);
