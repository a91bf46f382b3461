namespace Trial.Web.Forms;

/// <summary>Messages by form field name, already in the page's language. Empty when the form was accepted.</summary>
public sealed class FieldErrors : Dictionary<string, string>
{
    public FieldErrors() : base(StringComparer.Ordinal)
    {
    }

    public static readonly FieldErrors None = new();

    public string? For(string field) => TryGetValue(field, out var message) ? message : null;

    /// <summary>The element id of a field, and of its message ("f-x-y", "f-x-y-error").</summary>
    public static string Id(string field) => "f-" + string.Concat(field.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    public static string MessageId(string field) => Id(field) + "-error";
}
