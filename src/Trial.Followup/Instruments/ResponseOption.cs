namespace Trial.Followup.Instruments;

/// <summary>One answer an item offers; <see cref="Value"/> is the score stored and summed (reverse keying lives here).</summary>
public sealed record ResponseOption(int Value, LocalisedText Label);
