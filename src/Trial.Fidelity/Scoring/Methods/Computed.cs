using Trial.Protocol.Files;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>What a method computed before caps: the raw value, the whole number it was banded on, the score and why.</summary>
internal sealed record Computed(decimal? Value, long? Rounded, int Score, LocalisedText Rule, IReadOnlyList<LocalisedText> Warnings)
{
    public static Computed Of(decimal? value, long? rounded, int score, LocalisedText rule) => new(value, rounded, score, rule, []);
}
