namespace Trial.Fidelity.Tests;

/// <summary>Every band edge of every numeric item, on both sides (spec/seed-004.md §6.4).</summary>
public class BandBoundaryTest
{
    [Theory]
    [InlineData(20, 5)] [InlineData(21, 4)] [InlineData(25, 4)] [InlineData(26, 3)]
    [InlineData(30, 3)] [InlineData(31, 2)] [InlineData(40, 2)] [InlineData(41, 1)]
    public void St1_Caseload(int caseload, int expected) =>
        Assert.Equal(expected, Review.Item("ST1", $"caseloads:\n  - {{specialist: A, fte: 1, participants: {caseload}}}").Score);

    [Theory]
    [InlineData(59, 1)] [InlineData(60, 2)] [InlineData(74, 2)] [InlineData(75, 3)]
    [InlineData(89, 3)] [InlineData(90, 4)] [InlineData(95, 4)] [InlineData(96, 5)] [InlineData(95.9, 4)]
    public void St2_Percent(double percent, int expected) =>
        Assert.Equal(expected, Review.Item("ST2", $"percentages: [{percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}]").Score);

    [Theory]
    [InlineData(30, 5)] [InlineData(30.5, 5)] [InlineData(31, 4)] [InlineData(60, 4)] [InlineData(60.5, 4)] [InlineData(61, 3)]
    [InlineData(150, 3)] [InlineData(151, 2)] [InlineData(270, 2)] [InlineData(271, 1)]
    public void Sv4_Days(double days, int expected) =>
        Assert.Equal(expected, Review.Item("SV4", $"days: [{days.ToString(System.Globalization.CultureInfo.InvariantCulture)}]").Score);

    [Theory]
    [InlineData(15, 1)] [InlineData(16, 2)] [InlineData(31, 2)] [InlineData(32, 3)] [InlineData(39, 3)] [InlineData(40, 4)]
    [InlineData(47, 4)] [InlineData(48, 5)]
    public void Sv6_ContactsIn8Weeks(int contacts, int expected) =>
        Assert.Equal(expected, Review.Item("SV6", $"contactLogs:\n  - {{specialist: A, contacts: {contacts}, weeks: 8}}\nlogReview: weekly").Score);

    [Theory]
    [InlineData(24, 1)] [InlineData(25, 2)] [InlineData(49, 2)] [InlineData(50, 3)] [InlineData(74, 3)] [InlineData(75, 4)]
    [InlineData(89, 4)] [InlineData(90, 5)]
    public void Sv5_Percent(int percent, int expected) => Assert.Equal(expected, Review.Item("SV5", $"percentages: [{percent}]").Score);

    [Theory]
    [InlineData(64, 1)] [InlineData(65, 2)] [InlineData(74, 2)] [InlineData(75, 3)] [InlineData(84, 3)] [InlineData(85, 4)]
    [InlineData(94, 4)] [InlineData(95, 5)]
    public void Sv10_CompetitiveShare(int competitive, int expected)
    {
        var jobs = "jobs:\n" + string.Join("\n", Enumerable.Range(1, 100).Select(i => $"  - {{type: t{i}, employer: e{i}, competitive: {(i <= competitive ? "true" : "false")}}}"));
        Assert.Equal(expected, Review.Item("SV10", jobs).Score);
    }

    [Theory]
    [InlineData(49, 1)] [InlineData(50, 2)] [InlineData(59, 2)] [InlineData(60, 3)] [InlineData(69, 3)] [InlineData(70, 4)]
    [InlineData(84, 4)] [InlineData(85, 5)]
    public void Sv8_Diversity(int percent, int expected)
    {
        // 100 jobs: percent − 2 distinct types, the rest one repeated type of which only two count
        var types = Enumerable.Range(1, percent - 2).Select(i => $"t{i}").Concat(Enumerable.Repeat("same", 102 - percent)).ToList();
        var jobs = "jobs:\n" + string.Join("\n", types.Select((t, i) => $"  - {{type: {t}, employer: e{i}, competitive: true}}"));
        var score = Review.Item("SV8", jobs);
        Assert.Equal(percent, score.Value);
        Assert.Equal(expected, score.Score);
    }

    [Theory]
    [InlineData(29, "lower", 1)] [InlineData(30, "lower", 1)] [InlineData(30, "upper", 2)] [InlineData(31, "lower", 2)]
    [InlineData(39, "lower", 2)] [InlineData(40, "lower", 3)] [InlineData(49, "lower", 3)] [InlineData(50, "lower", 4)]
    [InlineData(64, "lower", 4)] [InlineData(65, "lower", 5)]
    public void Sv13_Community(int percent, string thirty, int expected) =>
        Assert.Equal(expected, Review.Item("SV13", $"percentages: [{percent}]", $"settings: {{communityThirtyPercent: {thirty}}}").Score);

    [Fact]
    public void ClosestRounding_IsTheNamedAlternative()
    {
        const string logs = "contactLogs:\n  - {specialist: A, contacts: 56, weeks: 10}\nlogReview: weekly";   // 5.6 a week
        Assert.Equal(4, Review.Item("SV6", logs).Score);
        Assert.Equal(5, Review.Item("SV6", logs, "settings: {rounding: closest}").Score);
    }
}
