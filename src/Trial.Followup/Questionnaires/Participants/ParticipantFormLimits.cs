using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// Bounds on a posted questionnaire form. The largest questionnaire has a few hundred fields of a few characters, so
/// these are far above any honest post and far below what would cost memory. A form beyond them is refused with a
/// 4xx page instead of the form reader's exception (which the host would turn into a 500).
/// </summary>
internal static class ParticipantFormLimits
{
    public const long MaxBodyBytes = 256 * 1024;
    private const int MaxFields = 1000;
    private const int MaxKeyLength = 200;
    private const int MaxValueLength = 16 * 1024;

    /// <summary>The form, or null when it breaks a limit or is not well-formed.</summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            ValueCountLimit = MaxFields,
            KeyLengthLimit = MaxKeyLength,
            ValueLengthLimit = MaxValueLength,
            MultipartBodyLengthLimit = MaxBodyBytes,
            BufferBodyLengthLimit = MaxBodyBytes,
        }));
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }
}
