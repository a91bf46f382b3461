using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>Screens and consents many people through the real handlers (not HTTP), for load tests that then randomise them.</summary>
internal static class Population
{
    public static readonly string[] Centres = ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"];

    public static readonly StaffUser Manager = new("manager", StaffRole.TrialManager, OrganisationCode.Parse("trial-office"),
        Centres.Select(CentreCode.Parse).ToList());

    /// <summary>Person i is at centre i mod 6; the first <paramref name="early"/> consent in the 2:1 period, the rest in the 1:1 period.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string RandomiseOn)>> ConsentAsync(IServiceProvider services, int count, int early, int firstPerson,
        int parallelism = 6)
    {
        var result = new (Guid, string)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
        {
            var (consentOn, randomiseOn) = i < early ? ("2013-11-01", "2013-12-02") : ("2014-03-01", "2014-05-05");
            await using var scope = services.CreateAsyncScope();
            var screened = await scope.ServiceProvider.GetRequiredService<ParticipantScreening>().ScreenAsync(
                new ScreeningRequest(Centres[i % Centres.Length], null, consentOn,
                    new PersonDetails($"Person {firstPerson + i}", TestPeople.NationalId(firstPerson + i)), TestPeople.AllYes), Manager, ct);
            await scope.ServiceProvider.GetRequiredService<ParticipantConsent>().RecordAsync(ParticipantId.From(screened.ParticipantId),
                new ConsentRequest("given", "1.0", consentOn), Manager, ct);
            result[i] = (screened.ParticipantId, randomiseOn);
        });
        return result;
    }
}
