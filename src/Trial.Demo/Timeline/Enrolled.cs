using NodaTime;
using Trial.Demo.Population;

namespace Trial.Demo.Timeline;

/// <summary>A randomised participant as the service answered: its id, research id and arm, with the simulated person behind it.</summary>
internal sealed record Enrolled(Guid Id, string ResearchId, string Arm, string Period, LocalDate RandomisedOn, Referral Person)
{
    public bool Ips => Arm == "ips";
}

/// <summary>How a participant will react to one occasion's invitation; decided once, when the first message arrives.</summary>
internal enum ResponseChoice
{
    None,
    Web,
    Phone,
}
