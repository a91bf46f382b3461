using System.Data.Common;
using NodaTime;

namespace Trial.Followup.Contact;

/// <summary>
/// What Enrollment asks of Follow-up. Both calls run inside the caller's open transaction, so the state change in
/// Enrollment (randomisation, withdrawal, death) and its effect on the follow-up schedule commit or fail together.
/// </summary>
public interface IFollowupContact
{
    /// <summary>Creates the protocol's follow-up occasions for a participant, anchored on the randomisation date.</summary>
    Task ScheduleAsync(ScheduleRequest request, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// The same schedule as one statement, for a caller that sends it in one round trip with its own statements on the
    /// same transaction: <see cref="ScheduleStatement.Sql"/> and then <see cref="ScheduleStatement.RequireAll"/>, or
    /// <see cref="ScheduleStatement.Insert"/>, which fails by itself on a repeat. Null: call <see cref="ScheduleAsync"/>.
    /// </summary>
    ScheduleStatement? PrepareSchedule(ScheduleRequest request) => null;

    /// <summary>Cancels every pending invitation and reminder for the participant, effective from the given date.</summary>
    Task StopContactAsync(StopContactRequest request, DbTransaction transaction, CancellationToken cancellationToken);
}

/// <param name="Participant">Pseudonymous participant key.</param>
/// <param name="Anchor">The randomisation date, in the participant's local calendar.</param>
/// <param name="TimeZone">The participant's zone (Europe/Oslo by default); sends are timed in it.</param>
/// <param name="Language">"nb-NO" or "en".</param>
/// <param name="ProtocolHash">The protocol version the schedule is taken from.</param>
/// <param name="CentreCode">The participant's centre code from the protocol (coordinator views are scoped by it).</param>
/// <param name="ArmCode">The allocated arm code (response rates are reported by arm).</param>
public sealed record ScheduleRequest(
    ParticipantRef Participant,
    LocalDate Anchor,
    DateTimeZone TimeZone,
    string Language,
    string ProtocolHash,
    string CentreCode,
    string ArmCode);

/// <summary>A schedule's statement: parameter names start with "f_"; every one of <paramref name="Rows"/> rows must be inserted.</summary>
/// <param name="Insert">
/// The insert alone: a participant scheduled before makes it fail on the (participant, occasion) key, so a caller that sends
/// COMMIT in the same round trip is refused before the COMMIT runs, and no count needs checking.
/// </param>
public sealed record ScheduleStatement(string Insert, IReadOnlyList<(string Name, object? Value)> Parameters, int Rows, ParticipantRef Participant)
{
    /// <summary>The insert skipping occasions already there, for a caller that checks the count with <see cref="RequireAll"/>.</summary>
    public string Sql => Insert.Length == 0 ? "" : Insert.TrimEnd() + "\nON CONFLICT (participant, occasion_code) DO NOTHING";

    /// <summary>A row skipped by the conflict clause means the participant was scheduled before: the caller must roll back.</summary>
    public void RequireAll(int inserted)
    {
        if (inserted != Rows)
        {
            throw new ContactStateException(Participant,
                $"Participant {Participant} already has follow-up occasions; a participant is scheduled once.");
        }
    }
}

/// <summary>Stops contact from <paramref name="Effective"/>. Codes only: no free text crosses into Follow-up.</summary>
public sealed record StopContactRequest(ParticipantRef Participant, ContactStopScope Scope, LocalDate Effective);
