using Trial.Fidelity.Scale;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Tests;

/// <summary>The committed scales load and hold the manual's structure; a broken scale file is refused with its path.</summary>
public class ScaleFileTest
{
    [Fact]
    public void Ips25_HasTheManualsStructure()
    {
        var scale = Review.Ips25;
        Assert.Equal(25, scale.Items.Count);
        Assert.Equal([3, 8, 14], scale.Items.GroupBy(i => i.Section).Select(g => g.Count()));
        Assert.Equal((25, 125), (scale.TotalMin, scale.TotalMax));
        Assert.Equal(["not-ips", "fair", "good", "exemplary"], scale.Categories.Select(c => c.Code));
        Assert.Equal((115, 125), (scale.Categories[3].Min, scale.Categories[3].Max));
        Assert.Equal((74, 99), (scale.Categories[1].Min, scale.Categories[1].Max));
        Assert.All(scale.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Name.English)));
    }

    [Theory]
    [InlineData(73, "not-ips")] [InlineData(74, "fair")] [InlineData(99, "fair")] [InlineData(100, "good")]
    [InlineData(114, "good")] [InlineData(115, "exemplary")]
    public void Categories_AtTheirEdges(int total, string expected) => Assert.Equal(expected, Review.Ips25.Category(total).Code);

    [Fact]
    public void EducationScale_Loads()
    {
        var scale = ScaleReader.Load(Path.Combine(Review.Root, "protocol", "fidelity", "ips-ung-education.yaml"));
        Assert.Equal(10, scale.Items.Count);
        Assert.Equal((10, 50), (scale.TotalMin, scale.TotalMax));
        Assert.Equal("high", scale.Category(40).Code);
    }

    [Theory]
    [InlineData("bands: [{max: 20, score: 5}, {max: 20, score: 4}, {score: 1}]", "bands must rise")]
    [InlineData("bands: [{max: 20, score: 7}, {score: 1}]", "outside [1, 5]")]
    [InlineData("bands: [{max: 20, score: 5}, {max: 30, score: 1}]", "the last band is open")]
    public void BrokenBands_AreRefused(string bands, string rule)
    {
        var text = File.ReadAllText(Path.Combine(Review.Root, "protocol", "fidelity", "ips-25.yaml"))
            .Replace("bands: [{max: 20, score: 5}, {max: 25, score: 4}, {max: 30, score: 3}, {max: 40, score: 2}, {score: 1}]", bands, StringComparison.Ordinal);
        var error = Assert.Throws<ProtocolFileException>(() => ScaleReader.Read(YamlValue.Parse("ips-25.yaml", text)));
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("ips-25.yaml: $.items[0].bands", error.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CategoriesWithAGap_AreRefused()
    {
        var text = File.ReadAllText(Path.Combine(Review.Root, "protocol", "fidelity", "ips-25.yaml"))
            .Replace("{min: 100, max: 114", "{min: 101, max: 114", StringComparison.Ordinal);
        var error = Assert.Throws<ProtocolFileException>(() => ScaleReader.Read(YamlValue.Parse("ips-25.yaml", text)));
        Assert.Contains("categories must cover every total", error.Message, StringComparison.Ordinal);
    }
}
