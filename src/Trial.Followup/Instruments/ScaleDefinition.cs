namespace Trial.Followup.Instruments;

/// <summary>
/// A score computed from items (sum with a missing-item rule) or from other scales of the same instrument (sum of
/// their scores, missing when any part is missing). Minimum/Maximum are the declared, load-checked score range.
/// </summary>
public sealed record ScaleDefinition(
    string Code,
    LocalisedText Title,
    IReadOnlyList<string> Items,
    IReadOnlyList<string> Parts,
    MissingItemRule Missing,
    int MaxMissing,
    ScaleTransform Transform,
    decimal Minimum,
    decimal Maximum);
