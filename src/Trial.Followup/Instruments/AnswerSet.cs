namespace Trial.Followup.Instruments;

/// <summary>Validated answers: instrument code → item code → value. Unanswered items are absent.</summary>
public sealed record AnswerSet(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByInstrument)
{
    public static AnswerSet Empty { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, int>>());

    public IReadOnlyDictionary<string, int> For(string instrument) =>
        ByInstrument.GetValueOrDefault(instrument) ?? new Dictionary<string, int>();

    public int? Value(string instrument, string item) => For(instrument).TryGetValue(item, out var v) ? v : null;

    public int Count => ByInstrument.Values.Sum(v => v.Count);
}
