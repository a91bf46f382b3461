namespace Trial.Demo.Population;

/// <summary>The six centres of protocol/ips-norway, in protocol order, and the demo coordinator who works at each.</summary>
internal static class Centres
{
    public static readonly string[] Codes = ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"];

    public static string Coordinator(string centre) => "coordinator." + centre;
}
