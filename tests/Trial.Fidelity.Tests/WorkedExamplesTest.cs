namespace Trial.Fidelity.Tests;

/// <summary>The worked examples of the manual's chapter 9, item by item (spec/seed-004.md §5.1–5.5).</summary>
public class WorkedExamplesTest
{
    private static string Caseloads(params int[] sizes) =>
        "caseloads:\n" + string.Join("\n", sizes.Select((s, i) => $"  - {{specialist: JS{i}, fte: 1, participants: {s}}}"));

    [Theory]
    [InlineData(new[] { 30, 20, 25 }, 4)]   // L1727–1731: mean 25
    [InlineData(new[] { 25, 19, 20 }, 4)]   // L2699–2705: 21.33 → 21
    [InlineData(new[] { 10, 10 }, 5)]       // L2707–2713: small caseloads still 5
    [InlineData(new[] { 19, 18, 19 }, 5)]   // report: 18.67 → 18
    public void St1_Caseload(int[] sizes, int expected) => Assert.Equal(expected, Review.Item("ST1", Caseloads(sizes)).Score);

    [Fact]
    public void St1_HalfTimeSpecialist_CountsAsHalf()
    {
        var score = Review.Item("ST1", "caseloads:\n  - {specialist: A, fte: 1, participants: 20}\n  - {specialist: B, fte: 0.5, participants: 12}");
        Assert.Equal(21.33m, Math.Round(score.Value!.Value, 2));
        Assert.Equal(4, score.Score);
    }

    [Fact]
    public void St1_SupervisorsCaseload_IsLeftOut() =>
        Assert.Equal(5, Review.Item("ST1", "caseloads:\n  - {specialist: A, fte: 1, participants: 20}\n  - {specialist: MV, fte: 1, participants: 60, supervisor: true}").Score);

    [Fact]
    public void St2_MeanOfPercentages() => Assert.Equal(4, Review.Item("ST2", "percentages: [80, 100, 100]").Score);   // L2882–2892

    [Fact]
    public void St2_SubstanceGroup_OnePercentOff_Scores5() => Assert.Equal(5, Review.Item("ST2", "percentages: [98.6]").Score);   // L2914–2924

    [Fact]
    public void St3_PerSpecialistMean_RoundsDown() => Assert.Equal(3, Review.Item("ST3", "specialistScores: [5, 3, 3]").Score);   // L3126–3134

    [Fact]
    public void St3_SupervisorDoesIntake_CapsAt4() =>
        Assert.Equal(4, Review.Item("ST3", "specialistScores: [5, 5]\nconditions: [supervisor-does-intake]").Score);

    [Fact]
    public void Or1_ThreeSpecialists_5_2_4_Give3() => Assert.Equal(3, Review.Item("OR1", "specialistScores: [5, 2, 4]").Score);   // L3299–3307

    [Fact]
    public void Or2_Clubhouse_ThreeComponents_Gives3() => Assert.Equal(3, Review.Item("OR2", "components: [C1, C2, C5]").Score);   // L3808–3820

    [Fact]
    public void Or7_Chapter7Example_Gives3() => Assert.Equal(3, Review.Item("OR7", "components: [C1, C3, C4]").Score);   // L2418–2510

    [Theory]
    [InlineData("[]", 1)]
    [InlineData("[C1]", 1)]
    [InlineData("[C1, C2, C3, C4, C5]", 5)]
    public void Or8_NoComponent_FloorsTo1(string components, int expected) =>
        Assert.Equal(expected, Review.Item("OR8", $"components: {components}").Score);

    [Theory]
    [InlineData("[]", 1)]
    [InlineData("[C1]", 2)]
    [InlineData("[C1, C3, C4]", 4)]
    [InlineData("[C1, C2, C3, C4]", 5)]
    public void Sv2_ComponentsPlusOne(string components, int expected) =>
        Assert.Equal(expected, Review.Item("SV2", $"components: {components}").Score);

    [Theory]
    [InlineData("[C1, C2]", 1)]
    [InlineData("[C1, C2, C3]", 2)]
    [InlineData("[C1, C2, C3, C4, C6]", 4)]   // L9093–9101
    [InlineData("[C1, C2, C3, C4, C5, C6]", 5)]
    public void Sv14_Strategies(string components, int expected) =>
        Assert.Equal(expected, Review.Item("SV14", $"components: {components}").Score);

    [Theory]
    [InlineData("[3, 11, 26, 28, 29, 31, 33, 35, 43, 84]", 30, false, 4)]                          // SV4-a: median 30, untracked
    [InlineData("[3, 11, 26, 28, 29, 31, 33, 35, 43, 84]", 30, true, 5)]                           // SV4-a tracked
    [InlineData("[2, 6, 7, 8, 21, 22, 33, 39, 44, 50, 55, 57, 94]", 33, true, 4)]                  // SV4-b
    [InlineData("[3, 7, 9, 11, 15, 17, 19, 25, 28, 29, 31, 31, 32, 36, 48, 52]", 26.5, true, 5)]  // SV4-c
    public void Sv4_MedianDays(string days, double median, bool tracked, int expected)
    {
        var score = Review.Item("SV4", $"days: {days}" + (tracked ? "" : "\nconditions: [not-tracked]"));
        Assert.Equal((decimal)median, score.Value);
        Assert.Equal(expected, score.Score);
    }

    [Fact]
    public void Sv4_MeanOfSpecialistMeans_IsTheOtherSetting()
    {
        var days = "days:\n  - {specialist: A, days: 10}\n  - {specialist: A, days: 20}\n  - {specialist: B, days: 100}";
        Assert.Equal(20m, Review.Item("SV4", days).Value);
        Assert.Equal(57.5m, Review.Item("SV4", days, "settings: {rapidSearchStatistic: mean-of-specialist-means}").Value);
    }

    [Fact]
    public void Sv6a_AbsenceAdjusted_4_71_Scores3() =>   // L7401–7411, the adjusted example
        Assert.Equal(3, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 42, weeks: 8}\n  - {specialist: B, contacts: 24, weeks: 8, absentWeeks: 2}\nlogReview: weekly").Score);

    [Fact]
    public void Sv6b_5_125_Scores4() =>   // L7428–7436
        Assert.Equal(4, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 44, weeks: 8}\n  - {specialist: B, contacts: 38, weeks: 8}\nlogReview: weekly").Score);

    [Fact]
    public void Sv6c_BetweenTwoAndThree_Scores2() =>   // L7424–7426
        Assert.Equal(2, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 23, weeks: 8}\nlogReview: weekly").Score);

    [Fact]
    public void Sv6d_Unverifiable_Scores2() =>   // L7413–7422
        Assert.Equal(2, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 60, weeks: 8}\nlogReview: weekly\nconditions: [logs-unverifiable]").Score);

    [Fact]
    public void Sv6e_SixAWeek_ButNotReviewed_AtMost2() =>   // L7438–7444
        Assert.Equal(2, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 48, weeks: 8}\nlogReview: not-reviewed").Score);

    [Fact]
    public void Sv6g_5_6_IsFloored_To5_Scores4() =>   // L1762–1768: never 4.5
        Assert.Equal(4, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 56, weeks: 10}\nlogReview: weekly").Score);

    [Fact]
    public void Sv6_NewSpecialist_IsLeftOut() =>
        Assert.Equal(5, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 48, weeks: 8}\n  - {specialist: New, contacts: 2, weeks: 3, monthsInPost: 0.75}\nlogReview: weekly").Score);

    [Fact]
    public void Sv6_NoTracking_Scores2() => Assert.Equal(2, Review.Item("SV6", "logReview: no-tracking").Score);

    [Fact]
    public void Sv6_FewJobSeekers_TwicePerSeeker_Qualifies() =>
        Assert.Equal(5, Review.Item("SV6", "contactLogs:\n  - {specialist: A, contacts: 32, weeks: 8}\nlogReview: weekly\njobSeekers: 2").Score);

    [Fact]
    public void Sv6_MonthlyReview_TopBandsNeedTheSetting()
    {
        const string logs = "contactLogs:\n  - {specialist: A, contacts: 48, weeks: 8}\nlogReview: monthly";
        Assert.Equal(3, Review.Item("SV6", logs).Score);
        Assert.Equal(5, Review.Item("SV6", logs, "settings: {logReviewForTopBands: monthly}").Score);
    }

    [Fact]
    public void Sv7_5_4_5_Gives4() => Assert.Equal(4, Review.Item("SV7", "specialistScores: [5, 4, 5]").Score);   // L7630–7645

    [Fact]
    public void Sv7_NotObserved_Scores1() => Assert.Equal(1, Review.Item("SV7", "specialistScores: [5, 5]\nconditions: [not-observed]").Score);

    private static string Jobs(string key, params string[] values) =>
        "jobs:\n" + string.Join("\n", values.Select(v => $"  - {{type: {(key == "type" ? v : "x")}, employer: {(key == "employer" ? v : "e")}, competitive: true}}"));

    [Fact]
    public void Sv8a_NinetyPercent_Scores5() => Assert.Equal(5, Review.Item("SV8", Jobs("type",
        "svømmeinstruktør", "fakturamedarbeider", "kassemedarbeider", "oppvasker", "oppvasker", "regnskapsfører", "hundelufter",
        "butikkmedarbeider", "butikkmedarbeider", "butikkmedarbeider")).Score);

    [Fact]
    public void Sv8b_81Percent_Scores4() => Assert.Equal(4, Review.Item("SV8", Jobs("type",
        "husholder", "sjåfør", "sjåfør", "barnehageassistent", "barnehageassistent", "barnehageassistent", "barnehageassistent",
        "gatekjøkkenmedarbeider", "truckfører", "montør", "havnearbeider")).Score);

    [Fact]
    public void Sv8c_SingleSpecialist_FourJobs_TooFew() =>
        Assert.Equal(1, Review.Item("SV8", Jobs("type", "kontormedarbeider", "kundeservicemedarbeider", "lærerassistent", "bibliotekar"), "specialists: 1").Score);

    [Fact]
    public void Sv9a_BurgerCornerThird_Struck_Scores5() => Assert.Equal(5, Review.Item("SV9", Jobs("employer",
        "Åsen seniorsenter", "Åsen seniorsenter", "Burgerhjørnet", "Burgerhjørnet", "Burgerhjørnet", "Karis hundelufting",
        "Åsen sykehus", "Ola Olsens bilverksted", "ABC forsikring", "Lilleby sparebank", "Kåres skredderverksted", "Opplæringsmateriell AS")).Score);

    [Fact]
    public void Sv9b_CurrentPlusRecentStarts_Scores4()
    {
        var current = new[] { "Dal Radio & TV AS", "Sentrum stormagasin", "Sentrum stormagasin", "Lilleby ishall", "Åsen barneskole", "Trygves kafé", "Låven antikviteter" };
        var starts = new[] { "Sentrum stormagasin", "Sentrum stormagasin", "Klassiske biler AS", "Lilleby apotek", "Åsen dagligvarer" };
        var jobs = "jobs:\n" + string.Join("\n", current.Select(e => $"  - {{type: x, employer: '{e}', competitive: true}}"))
            + "\n" + string.Join("\n", starts.Select(e => $"  - {{type: x, employer: '{e}', competitive: true, sample: recent-start}}"));
        var score = Review.Item("SV9", jobs);
        Assert.Equal(4, score.Score);
        Assert.Contains("10 countable of 12 jobs (current jobs plus starts in the last six months)", score.Rule.English);
    }

    [Fact]
    public void Sv9_SameEmployer_DifferentWorksites_AllCount()
    {
        var jobs = "jobs:\n" + string.Join("\n", Enumerable.Range(1, 3).Select(i => $"  - {{type: x, employer: XYZ, worksite: store {i}, competitive: true}}"))
            + "\n" + string.Join("\n", Enumerable.Range(1, 7).Select(i => $"  - {{type: x, employer: E{i}, competitive: true}}"));
        Assert.Equal(100m, Review.Item("SV9", jobs).Value);
    }

    [Fact]
    public void Sv10a_NineOfEleven_Scores3()
    {
        var jobs = "jobs:\n" + string.Join("\n", Enumerable.Range(1, 11).Select(i => $"  - {{type: t{i}, employer: e{i}, competitive: {(i <= 9 ? "true" : "false")}}}"));
        Assert.Equal(3, Review.Item("SV10", jobs).Score);
    }

    [Fact]
    public void Sv10b_SingleSpecialist_FiveJobs_IsEnough()
    {
        var jobs = "jobs:\n" + string.Join("\n", Enumerable.Range(1, 5).Select(i => $"  - {{type: t{i}, employer: e{i}, competitive: {(i <= 4 ? "true" : "false")}, sample: {(i <= 3 ? "current" : "recent-start")}}}"));
        Assert.Equal(3, Review.Item("SV10", jobs, "specialists: 1").Score);
    }

    [Fact]
    public void Sv10_TooFewJobs_ManualJudgementOrAnchorOne()
    {
        var jobs = "jobs:\n" + string.Join("\n", Enumerable.Range(1, 4).Select(i => $"  - {{type: t{i}, employer: e{i}, competitive: true}}"));
        Assert.Equal(5, Review.Item("SV10", jobs + "\nanchor: 5").Score);
        Assert.Equal(1, Review.Item("SV10", jobs + "\nanchor: 5", "settings: {competitiveJobsSmallSample: score-one}").Score);
    }

    [Theory]
    [InlineData("[50, 55, 65]", 4)]       // L8849–8853: 56.67
    [InlineData("[50, 56, 67, 70]", 4)]   // L8900–8912: 60.75 → 60
    [InlineData("[70]", 5)]               // report
    public void Sv13_Community(string percentages, int expected) =>
        Assert.Equal(expected, Review.Item("SV13", $"percentages: {percentages}").Score);

    [Fact]
    public void Or6_WaitingList_CapsAt4() => Assert.Equal(4, Review.Item("OR6", "anchor: 5\nconditions: [waiting-list]").Score);

    [Fact]
    public void Sv11_NoWrittenPlans_CapsAt2() => Assert.Equal(2, Review.Item("SV11", "anchor: 5\nconditions: [no-written-support-plans]").Score);
}
