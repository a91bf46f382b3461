using System.Security.Cryptography;
using System.Text;
using Trial.Followup.Hosting;
using Trial.Followup.Questionnaires.Links;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

[Trait(TestTraits.Database, TestTraits.Postgres)]
public class QuestionnaireLinkTests
{
    [Fact]
    public void New_Token_Carries256RandomBits()
    {
        var token = LinkToken.New();
        Assert.Equal((43, 32), (token.Value.Length, System.Buffers.Text.Base64Url.DecodeFromChars(token.Value).Length));
    }

    [Fact]
    public void New_TwoTokens_Differ() => Assert.NotEqual(LinkToken.New().Value, LinkToken.New().Value);

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0000000000000000000000000000000000000000001")]
    public void TryParse_WrongShape_IsRefused(string text) => Assert.False(LinkToken.TryParse(text, out _));

    [Fact]
    public async Task Issue_StoresOnlyTheSha256OfTheToken()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Postgres, "q_link_hash");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var token = link.Segments[^1];
        var table = new QuestionnaireTables(host.Db.Store.Dialect).Link;

        var stored = await host.Db.ScalarAsync<string>($"SELECT encode(token_hash, 'hex') FROM {table}");
        var anyPlain = await host.Db.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} t WHERE position(@token in t::text) > 0", ("token", token));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))), stored);
        Assert.Equal(0, anyPlain);
    }

    [Fact]
    public async Task Issue_Link_ExpiresWhenTheOccasionCloses()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Postgres, "q_link_expiry");
        var (_, occasion) = await host.ScheduleAsync();
        await host.IssueLinkAsync(occasion);
        var table = new QuestionnaireTables(host.Db.Store.Dialect).Link;

        var same = await host.Db.ScalarAsync<bool>(
            $"SELECT l.expires_at = o.closes_at FROM {table} l JOIN {host.Db.Store.Dialect.Occasion} o ON o.id = l.occasion_id");

        Assert.True(same);
    }
}
