using Trial.Followup.Instruments;
using Trial.Followup.Questionnaires.Links;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>The outcome, the occasion the token opened, its instruments and the answers to show back on the form.</summary>
public sealed record ParticipantResult(
    ParticipantOutcome Outcome,
    LinkedOccasion Link,
    IReadOnlyList<InstrumentDefinition> Instruments,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyList<AnswerError> Errors);
