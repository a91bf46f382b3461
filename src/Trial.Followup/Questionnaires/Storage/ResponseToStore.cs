using NodaTime;
using Trial.Followup.Instruments;
using Trial.Followup.Occasions;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>A validated response ready to be written. EnteredBy is the coordinator for phone/paper, null for web.</summary>
internal sealed record ResponseToStore(
    OccasionId Occasion,
    Guid SubmissionId,
    ResponseMode Mode,
    string? EnteredBy,
    Instant AnsweredAt,
    Instant RecordedAt,
    IReadOnlyList<InstrumentDefinition> Instruments,
    AnswerSet Answers,
    bool AfterClose = false);
