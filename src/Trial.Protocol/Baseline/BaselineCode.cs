using Trial.Protocol.Files;

namespace Trial.Protocol.Baseline;

/// <summary>One allowed answer of a coded baseline field, with the label a coordinator sees.</summary>
public sealed record BaselineCode(string Code, LocalisedText Label);
