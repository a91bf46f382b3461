namespace Trial.Followup.Tests;

public class PlaceholderTest
{
    [Fact]
    public void Placeholder_IsReplacedByRealTests() => Assert.True(true);
}
