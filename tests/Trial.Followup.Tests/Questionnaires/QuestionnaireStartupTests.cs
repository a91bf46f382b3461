using Trial.Protocol.Files;
using Trial.Followup.Hosting;
using Trial.Followup.Instruments;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

/// <summary>The host refuses to start when the questionnaire protocol does not fit the schedule.</summary>
[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class QuestionnaireStartupTests : IDisposable
{
    private readonly string _protocol = Directory.CreateTempSubdirectory("trial-protocol-").FullName;

    public void Dispose() => Directory.Delete(_protocol, recursive: true);

    [Fact]
    public async Task Start_ScheduleOccasionWithoutInstruments_FailsNamingQuestionnairesFile()
    {
        File.Copy(Path.Combine(RepositoryPaths.IpsNorwayProtocol, "followup.yaml"), Path.Combine(_protocol, "followup.yaml"));
        var instruments = Directory.CreateDirectory(Path.Combine(_protocol, "instruments")).FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.IpsNorwayInstruments, "*.yaml"))
        {
            File.Copy(file, Path.Combine(instruments, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(instruments, "questionnaires.yaml"), "format: trial-questionnaires\nformatVersion: 1\noccasions:\n  m6: [ladder]\n");

        var e = await Assert.ThrowsAsync<ProtocolFileException>(() => QuestionnaireHost.StartAsync(FollowupDatabase.Sqlite, "q_start_bad", protocolDirectory: _protocol));

        Assert.Equal(("questionnaires.yaml", "$.occasions", "occasion 'm0' of followup.yaml lists no instruments"), (e.First.File, e.First.Path, e.First.Rule));
    }
}
