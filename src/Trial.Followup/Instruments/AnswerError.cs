namespace Trial.Followup.Instruments;

/// <summary>Why one item's answer was refused; the message is shown next to the item in the participant's language.</summary>
public sealed record AnswerError(string Instrument, string Item, LocalisedText Message)
{
    public string Field => AnswerValidator.FieldName(Instrument, Item);
}
