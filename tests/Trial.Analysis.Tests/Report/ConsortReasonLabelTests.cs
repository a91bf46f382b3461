using Trial.Analysis.Report;

namespace Trial.Analysis.Tests.Report;

/// <summary>
/// Every reason protocol/data-package.md lets occasions.csv give for a cancelled or missed questionnaire reads as words
/// in the CONSORT diagram, in both languages; an unlabelled code was printed as it is ("withdrew-data-collection 2").
/// </summary>
public sealed class ConsortReasonLabelTests
{
    [Theory]
    [InlineData("withdrew-followup-contact", "withdrew from follow-up contact", "trakk seg fra oppfølgingskontakt")]
    [InlineData("withdrew-data-collection", "withdrew from data collection", "trakk seg fra datainnsamling")]
    [InlineData("died", "died", "døde")]
    [InlineData("no-response", "no response", "ikke svart")]
    public void OccasionReason_IsWordsInBothLanguages(string code, string english, string norwegian)
    {
        Assert.Equal(english, ConsortDiagram.Reason(code, ReportLocale.English));
        Assert.Equal(norwegian, ConsortDiagram.Reason(code, ReportLocale.Norwegian));
    }
}
