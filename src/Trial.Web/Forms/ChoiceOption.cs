namespace Trial.Web.Forms;

/// <summary>One option of a <see cref="ChoiceField"/>: the value posted and the words shown.</summary>
public sealed record ChoiceOption(string Value, string Label);
