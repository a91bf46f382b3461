using System.Data.Common;
using System.Security.Cryptography;
using NodaTime;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires;

namespace Trial.Followup.Bench.Synthetic;

/// <summary>Stands in for the questionnaire side's link issuer: a fresh 128-bit token per link, stored nowhere.</summary>
public sealed class SyntheticQuestionnaireLinks : IQuestionnaireLinks
{
    public static readonly Uri BaseUrl = new("https://followup.test/q/");

    public Task<IReadOnlyList<Uri>> IssueAsync(IReadOnlyList<LinkRequest> requests, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Uri>>(requests.Select(_ => new Uri(BaseUrl, Base64Url(RandomNumberGenerator.GetBytes(16)))).ToList());

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
