namespace Trial.Followup.Scheduling.Protocol;

/// <summary>The texts of one message kind in one language. {link} and {closesOn} are filled in at send time.</summary>
public sealed record MessageTemplate(string EmailSubject, string EmailBody, string Sms);
