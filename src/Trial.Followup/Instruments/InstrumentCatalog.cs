namespace Trial.Followup.Instruments;

/// <summary>The trial's instruments and which of them each follow-up occasion asks, in page order.</summary>
public sealed class InstrumentCatalog
{
    private readonly IReadOnlyDictionary<string, InstrumentDefinition> _instruments;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _occasions;

    internal InstrumentCatalog(IReadOnlyDictionary<string, InstrumentDefinition> instruments, IReadOnlyDictionary<string, IReadOnlyList<string>> occasions)
    {
        _instruments = instruments;
        _occasions = occasions;
    }

    public IReadOnlyCollection<InstrumentDefinition> Instruments => _instruments.Values.ToList();

    public IReadOnlyCollection<string> OccasionCodes => _occasions.Keys.ToList();

    public InstrumentDefinition Instrument(string code) =>
        _instruments.GetValueOrDefault(code) ?? throw new KeyNotFoundException($"No instrument '{code}' in the protocol.");

    /// <summary>The instruments asked at an occasion; an occasion the protocol does not list is an error.</summary>
    public IReadOnlyList<InstrumentDefinition> ForOccasion(string occasionCode) =>
        _occasions.TryGetValue(occasionCode, out var codes)
            ? codes.Select(Instrument).ToList()
            : throw new KeyNotFoundException($"The questionnaire protocol lists no instruments for occasion '{occasionCode}'.");
}
