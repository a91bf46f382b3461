using Trial.Followup.Outbox;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>Templates by message kind and language; every kind has every supported language (checked on load).</summary>
public sealed class MessageTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["nb-NO", "en"];

    private readonly IReadOnlyDictionary<(MessageKind Kind, string Language), MessageTemplate> _templates;

    public MessageTemplates(IReadOnlyDictionary<(MessageKind Kind, string Language), MessageTemplate> templates) => _templates = templates;

    public MessageTemplate For(MessageKind kind, string language) =>
        _templates.TryGetValue((kind, language), out var template)
            ? template
            : throw new ArgumentException($"No {kind} template for language '{language}'; the protocol has {string.Join(", ", Languages)}.", nameof(language));
}
