using Trial.Protocol.Occasions;
using Trial.Followup.Instruments;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>The participant pages' own texts in nb-NO and English.</summary>
internal static class PageTexts
{
    public static readonly LocalisedText Title = new("Oppfølgingsskjema", "Follow-up questionnaire");
    public static readonly LocalisedText Intro = new(
        "Svar på spørsmålene nedenfor. Du kan lagre og fortsette senere med den samme lenken.",
        "Please answer the questions below. You can save and continue later with the same link.");
    /// <summary>{0} is the last day, formatted for the language.</summary>
    public static readonly LocalisedText LastDay = new("Du kan svare til og med {0}.", "You can answer until {0} (inclusive).");
    public static readonly LocalisedText Save = new("Lagre og fortsett senere", "Save and continue later");
    public static readonly LocalisedText Submit = new("Send inn svarene", "Submit your answers");
    public static readonly LocalisedText Saved = new("Svarene er lagret. Du kan fortsette senere med den samme lenken.", "Your answers are saved. You can continue later with the same link.");
    public static readonly LocalisedText ErrorSummary = new("Noen svar må rettes før skjemaet kan sendes:", "Some answers need correcting before the questionnaire can be sent:");
    public static readonly LocalisedText Placeholder = new(
        "Denne delen viser PLASSHOLDERTEKST: den lisensierte ordlyden er ikke lagt inn.",
        "This section shows PLACEHOLDER TEXT: the licensed wording has not been supplied.");
    public static readonly LocalisedText Required = new("(må besvares)", "(required)");
    public static readonly LocalisedText OtherLanguage = new("English", "Norsk (bokmål)");
    public static readonly LocalisedText ThanksTitle = new("Takk!", "Thank you!");
    public static readonly LocalisedText Thanks = new("Svarene dine er mottatt. Du kan lukke denne siden.", "Your answers have been received. You can close this page.");
    public static readonly LocalisedText UnknownTitle = new("Lenken er ikke gyldig", "This link is not valid");
    public static readonly LocalisedText Unknown = new(
        "Vi fant ikke noe skjema for denne lenken. Kontroller at du har kopiert hele lenken fra meldingen.",
        "We found no questionnaire for this link. Check that you copied the whole link from the message.");
    public static readonly LocalisedText ExpiredTitle = new("Lenken er utløpt", "This link has expired");
    public static readonly LocalisedText Expired = new(
        "Svarfristen for dette skjemaet er passert. Ta kontakt med prosjektet hvis du vil svare.",
        "The time for answering this questionnaire has passed. Contact the study if you would like to answer.");
    public static readonly LocalisedText UsedTitle = new("Lenken er allerede brukt", "This link has already been used");
    public static readonly LocalisedText Used = new(
        "Svarene fra denne lenken er allerede mottatt. Du trenger ikke gjøre noe mer.",
        "Answers from this link have already been received. You do not need to do anything more.");
    public static readonly LocalisedText ClosedTitle = new("Skjemaet er stengt", "The questionnaire is closed");
    public static readonly LocalisedText Closed = new(
        "Dette skjemaet tar ikke imot svar lenger, for eksempel fordi det allerede er besvart.",
        "This questionnaire no longer takes answers, for example because it has already been answered.");
    public static readonly LocalisedText TooManyTitle = new("For mange forsøk", "Too many attempts");
    public static readonly LocalisedText TooMany = new("Vent litt og prøv igjen.", "Please wait a little and try again.");
    public static readonly LocalisedText BadFormTitle = new("Skjemaet kunne ikke leses", "The form could not be read");
    public static readonly LocalisedText BadForm = new("Gå tilbake til lenken i meldingen og prøv igjen.", "Go back to the link in the message and try again.");

    /// <summary>"m6" → "6 måneder" / "6 months", "m0" → at inclusion; other codes are shown as they are.</summary>
    public static LocalisedText Occasion(string code) => OccasionMonths.Parse(code) switch
    {
        0 => new LocalisedText("ved inkludering", "at inclusion"),
        { } months => new LocalisedText($"{months} måneder", $"{months} months"),
        _ => new LocalisedText(code, code),
    };
}
