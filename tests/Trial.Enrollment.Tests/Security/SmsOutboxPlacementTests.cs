using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>SMS files are service state: they go under the data folder (git-ignored), never into the working directory.</summary>
public class SmsOutboxPlacementTests
{
    [Fact]
    public async Task SmsOutbox_IsUnderTheDataDirectory()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "sms_dir");
        var folder = app.Services.GetRequiredService<FollowupHostOptions>().SmsOutboxDirectory;
        Assert.Equal(Path.Combine(app.ConnectionString, "sms-outbox"), folder);
        Assert.NotEqual("sms-outbox", folder);
    }
}
