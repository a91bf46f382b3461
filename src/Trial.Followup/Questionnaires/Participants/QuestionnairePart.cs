using Trial.Followup.Instruments;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// One page of the participant's questionnaire: an instrument, or a run of its items when it is long. <see cref="Part"/>
/// and <see cref="Parts"/> count within the instrument (HADS's 14 items are its parts 1 and 2 of 2).
/// </summary>
public sealed record QuestionnairePart(InstrumentDefinition Instrument, IReadOnlyList<ItemDefinition> Items, int Part, int Parts)
{
    /// <summary>
    /// The most items on one page. A four-option item is about a third of a phone's screen, so eight keep a page at a
    /// few screens; one instrument per page put all 29 SHC items (about 10 screens) on one.
    /// </summary>
    public const int MostItems = 8;

    /// <summary>The pages, in the instruments' order; a long instrument's items are split into runs of near equal length.</summary>
    public static IReadOnlyList<QuestionnairePart> Of(IReadOnlyList<InstrumentDefinition> instruments)
    {
        var pages = new List<QuestionnairePart>();
        foreach (var instrument in instruments)
        {
            var items = instrument.Items;
            var parts = Math.Max(1, (items.Count + MostItems - 1) / MostItems);
            for (var part = 0; part < parts; part++)
            {
                var start = part * items.Count / parts;
                var end = (part + 1) * items.Count / parts;
                pages.Add(new QuestionnairePart(instrument, items.Skip(start).Take(end - start).ToList(), part + 1, parts));
            }
        }
        return pages;
    }

    public bool Holds(string instrument, string item) =>
        Instrument.Code == instrument && Items.Any(i => string.Equals(i.Code, item, StringComparison.Ordinal));
}
