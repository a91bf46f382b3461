using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Simulation;
using Trial.Demo.Clock;
using Trial.Demo.Mail;
using Trial.Demo.Participants;
using Trial.Demo.Population;
using Trial.Demo.Service;

namespace Trial.Demo.Timeline;

/// <summary>
/// The trial day by day on the virtual clock, from the first referral (October 2013) until the last 12-month occasion
/// has closed. Each day: at 10:00 the coordinators screen, consent and randomise that day's people and record that
/// day's withdrawals and deaths; at 12:00 the follow-up jobs run and the outbox sends; participants read their mail
/// and SMS; at 18:00 those who answer that day open their link and submit the form; on Mondays at 14:00 each
/// coordinator works through the centre's phone tasks and enters the answers given by phone.
/// </summary>
internal sealed partial class TrialTimeline(DemoService service, VirtualClock clock, SmtpSink mail, string smsFolder, SimulationRandom rng, TextWriter progress)
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    private readonly Dictionary<string, StaffSession> _staff = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Guid> _screened = [];
    private readonly Dictionary<Guid, Enrolled> _enrolled = [];
    private readonly Dictionary<string, Guid> _byAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(Guid, int), ResponseChoice> _choices = [];
    private readonly List<(LocalDate Day, Guid Id, int Months, Uri Link)> _webAnswers = [];
    private readonly HashSet<string> _smsRead = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _phoned = [];
    private readonly TimelineSummary _summary = new();

    [GeneratedRegex(@"https?://[^\s/]+/q/[A-Za-z0-9_-]{20,}")]
    private static partial Regex Link();

    /// <summary>Everyone randomised, by research id, for the register extract.</summary>
    public IReadOnlyDictionary<string, Enrolled> ByResearchId => _enrolled.Values.ToDictionary(e => e.ResearchId, StringComparer.Ordinal);

    public async Task<TimelineSummary> RunAsync(IReadOnlyList<Referral> referrals, CancellationToken cancellationToken)
    {
        foreach (var user in service.Users)
        {
            _staff[user.Username] = await service.SignInAsync(user.Username, cancellationToken);
        }
        await _staff["statistician"].PostAsync("/api/allocation/seed", new { seedHex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"trial-demo allocation seed {rng.Below(int.MaxValue)}"))) }, cancellationToken);

        var first = referrals.Min(r => r.ReferredOn);
        var lastRandomised = referrals.Max(r => r.RandomiseOn);
        // The 12-month window closes eight weeks after the due date; one more week lets the last phone tasks run.
        var last = lastRandomised.PlusMonths(12).PlusWeeks(9);
        var events = PlanEvents(referrals);
        var month = -1;
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            if (day.Month != month)
            {
                month = day.Month;
                progress.WriteLine($"  {day:yyyy-MM}  randomised {_summary.Randomised,4}  web answers 6m/12m {_summary.WebAnswers.GetValueOrDefault(6),3}/{_summary.WebAnswers.GetValueOrDefault(12),3}  phone {_summary.PhoneAnswers.Values.Sum(),3}  e-mails {_summary.Emails,4}  SMS {_summary.SmsFiles,4}");
            }
            At(day, 10);
            if (day == lastRandomised.PlusDays(1))
            {
                // Recruitment ends with the last inclusion; deaths, withdrawals and follow-up go on.
                await _staff["manager"].PostAsync("/api/trial/recruitment/close", new { reason = "Target sample size reached" }, cancellationToken);
                _summary.Events.Add($"{Date(day)} recruitment closed by the trial manager");
            }
            _summary.Coordinators.Start();
            foreach (var person in referrals.Where(r => r.ReferredOn == day))
            {
                await ScreenAsync(person, day, cancellationToken);
            }
            foreach (var person in referrals.Where(r => r.RandomiseOn == day && _screened.ContainsKey(r.Number)))
            {
                await ConsentAndRandomiseAsync(person, day, cancellationToken);
            }
            foreach (var action in events.Where(e => e.Day == day).Select(e => e.Action))
            {
                await action(cancellationToken);
            }

            _summary.Coordinators.Stop();
            At(day, 12);
            _summary.Jobs.Start();
            await service.RunFollowupJobsAsync(cancellationToken);
            ReadMessages(day);
            _summary.Jobs.Stop();

            if (day.DayOfWeek == IsoDayOfWeek.Monday)
            {
                At(day, 14);
                _summary.Phone.Start();
                await PhoneTasksAsync(cancellationToken);
                _summary.Phone.Stop();
            }

            At(day, 18);
            _summary.Participants.Start();
            foreach (var answer in _webAnswers.Where(a => a.Day == day).ToList())
            {
                var person = _enrolled[answer.Id];
                using var http = new HttpClient();
                var browser = new QuestionnaireBrowser(http);
                if (await browser.AnswerAsync(answer.Link, person.Person, AnswerModel.Level(person.Person, person.Ips, answer.Months, rng), rng, cancellationToken))
                {
                    _summary.WebAnswers[answer.Months] = _summary.WebAnswers.GetValueOrDefault(answer.Months) + 1;
                }
            }
            _webAnswers.RemoveAll(a => a.Day == day);
            _summary.Participants.Stop();
        }
        // The last 12-month occasion has closed and its phone round is done: the trial manager locks follow-up, so that
        // the export can lock the database.
        await _staff["manager"].PostAsync("/api/trial/followup/lock", new { reason = "Last 12-month occasion closed" }, cancellationToken);
        _summary.Events.Add($"{Date(last)} follow-up locked by the trial manager");
        foreach (var session in _staff.Values)
        {
            session.Dispose();
        }
        _summary.QuartzJobs = service.QuartzRuns.Executed;
        return _summary;
    }

    /// <summary>The research id of an enrolled participant, or empty, as a stable sort key for this run.</summary>
    private string ResearchIdOf(Guid participant) => _enrolled.TryGetValue(participant, out var e) ? e.ResearchId : "";

    private void At(LocalDate day, int hour) => clock.MoveTo(day.At(new LocalTime(hour, 0)).InZoneLeniently(Oslo).ToInstant());

    private static string Date(LocalDate day) => LocalDatePattern.Iso.Format(day);

    private async Task ScreenAsync(Referral person, LocalDate day, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["in-treatment"] = person.Exclusion != ExclusionKind.OutsideTargetGroup,
            ["wants-work"] = true,
            ["norwegian"] = person.Exclusion != ExclusionKind.InsufficientNorwegian,
            ["no-disability-quarantine"] = person.Exclusion != ExclusionKind.DisabilityQuarantine,
        };
        var screened = await _staff[Centres.Coordinator(person.Centre)].PostAsync<JsonElement>("/api/screenings", new
        {
            centre = person.Centre,
            screenedOn = Date(day),
            person = new { name = person.Name, nationalId = person.NationalId, email = person.Email, phone = person.Phone, language = person.Language },
            answers,
            severity = person.Severity == "" ? null : person.Severity,
            education = person.Education == "" ? null : person.Education,
        }, cancellationToken);
        _summary.Screened++;
        if (screened.GetProperty("eligible").GetBoolean())
        {
            _screened[person.Number] = screened.GetProperty("participantId").GetGuid();
        }
    }

    private async Task ConsentAndRandomiseAsync(Referral person, LocalDate day, CancellationToken cancellationToken)
    {
        var id = _screened[person.Number];
        var coordinator = _staff[Centres.Coordinator(person.Centre)];
        var declined = person.Exclusion == ExclusionKind.DeclinedConsent;
        await coordinator.PostAsync($"/api/participants/{id}/consent",
            new { decision = declined ? "declined" : "given", formVersion = "1.0", consentedOn = Date(day), registerLinkage = !declined }, cancellationToken);
        if (declined)
        {
            return;
        }
        // The inclusion conversation: the coordinator records the protocol's baseline form, then randomises.
        await coordinator.PutAsync($"/api/participants/{id}/baseline", new { recordedOn = Date(day), values = person.BaselineForm() }, cancellationToken);
        var allocation = await coordinator.PostAsync<JsonElement>($"/api/participants/{id}/randomisation", new { }, cancellationToken,
            idempotencyKey: $"trial-demo-{person.Number}");
        var enrolled = new Enrolled(id, allocation.GetProperty("researchId").GetString()!, allocation.GetProperty("arm").GetString()!,
            allocation.GetProperty("period").GetString()!, day, person);
        _enrolled[id] = enrolled;
        foreach (var address in new[] { person.Email, person.Phone }.OfType<string>())
        {
            _byAddress[address] = id;
        }
        _summary.Randomised++;
        var key = $"{enrolled.Arm} {enrolled.Period}";
        _summary.ByArmAndPeriod[key] = _summary.ByArmAndPeriod.GetValueOrDefault(key) + 1;
    }

    /// <summary>
    /// Two deaths soon after randomisation (seed 001: no register data for them), one randomisation found to be a
    /// mistake, and one withdrawal in each scope, each on its own participant and through its own endpoint.
    /// </summary>
    private List<(LocalDate Day, Func<CancellationToken, Task> Action)> PlanEvents(IReadOnlyList<Referral> referrals)
    {
        var candidates = referrals.Where(r => r.Exclusion == ExclusionKind.None && r.RandomiseOn < new LocalDate(2014, 9, 1)).ToList();
        rng.Shuffle(candidates);
        var queue = new Queue<Referral>(candidates);
        var events = new List<(LocalDate, Func<CancellationToken, Task>)>();
        void Add(Referral person, int days, string description, Func<Enrolled, CancellationToken, Task> action)
        {
            var day = person.RandomiseOn.PlusDays(days);
            events.Add((day, async ct =>
            {
                var enrolled = _enrolled.Values.First(e => e.Person == person);
                await action(enrolled, ct);
                _summary.Events.Add($"{Date(day)} {description} ({enrolled.ResearchId}, {enrolled.Arm})");
            }));
        }
        for (var k = 0; k < 2; k++)
        {
            var person = queue.Dequeue();
            Add(person, 10 + rng.Below(20), "death recorded", (e, ct) => Coordinator(e).PostAsync($"/api/participants/{e.Id}/death",
                new { diedOn = Date(person.RandomiseOn.PlusDays(5)) }, ct));
        }
        var mistaken = queue.Dequeue();
        Add(mistaken, 3, "randomisation marked mistaken", (e, ct) => _staff["manager"].PostAsync($"/api/participants/{e.Id}/randomisation/mistaken",
            new { reason = "Randomised before the inclusion conversation was completed" }, ct));
        foreach (var (scope, days) in new[] { ("intervention", 60), ("followup-contact", 120), ("data-collection", 150), ("register-linkage", 240), ("data-use", 90) })
        {
            var person = queue.Dequeue();
            Add(person, days, $"withdrawal: {scope}", (e, ct) => Coordinator(e).PostAsync($"/api/participants/{e.Id}/withdrawals",
                new { scope, effectiveOn = Date(e.RandomisedOn.PlusDays(days)), reason = "Participant's request" }, ct));
        }
        return events;
    }

    private StaffSession Coordinator(Enrolled e) => _staff[Centres.Coordinator(e.Person.Centre)];

    /// <summary>Participants read new e-mail from the SMTP sink and new SMS files, and decide once per occasion whether and how to answer.</summary>
    private void ReadMessages(LocalDate day)
    {
        var messages = new List<(string To, string Text)>();
        while (mail.Received.TryDequeue(out var message))
        {
            messages.Add(message);
            _summary.Emails++;
        }
        if (Directory.Exists(smsFolder))
        {
            foreach (var file in Directory.EnumerateFiles(smsFolder).Order(StringComparer.Ordinal).Where(f => _smsRead.Add(f)).ToList())
            {
                var text = File.ReadAllText(file);
                messages.Add((text.Split('\n')[0].Replace("To:", "", StringComparison.Ordinal).Trim(), text));
                _summary.SmsFiles++;
            }
        }
        // Two senders deliver to the sink at once and SMS files are named by random tokens, so arrival order differs
        // between runs. Reading in the participants' research-id order lets the seed alone decide who answers.
        foreach (var (to, text) in messages.OrderBy(m => _byAddress.TryGetValue(m.To, out var id) ? ResearchIdOf(id) : "", StringComparer.Ordinal)
                     .ThenBy(m => m.To, StringComparer.Ordinal))
        {
            if (!_byAddress.TryGetValue(to, out var id) || Link().Match(text) is not { Success: true } match)
            {
                continue;
            }
            var person = _enrolled[id];
            var months = (int)Math.Round(Period.Between(person.RandomisedOn, day, PeriodUnits.Days).Days / 30.44);
            var occasion = months >= 9 ? 12 : months >= 3 ? 6 : 0;
            if (_choices.ContainsKey((id, occasion)))
            {
                continue;
            }
            var choice = Decide(person, occasion);
            _choices[(id, occasion)] = choice;
            if (choice == ResponseChoice.Web)
            {
                // Most answer within days of the invitation; some only after a reminder.
                var delay = rng.Bernoulli(0.7) ? rng.Below(5) : 7 + rng.Below(10);
                _webAnswers.Add((day.PlusDays(delay), id, occasion, new Uri(match.Value)));
            }
        }
    }

    /// <summary>
    /// Whether a participant answers, as in seed 001 Table 19: responders were more distressed at baseline and used
    /// fewer drugs, slightly more often in IPS, and a 6-month responder is likely to answer at 12 months (about 47 % and 44 %).
    /// Four in five answer on the web link, the rest when the coordinator phones. The baseline questionnaire, at
    /// inclusion, is answered by nearly everyone (Table 19 has 401–405 of 410), a third of them by phone.
    /// </summary>
    private ResponseChoice Decide(Enrolled person, int occasion)
    {
        if (occasion == 0)
        {
            return !rng.Bernoulli(0.97) ? ResponseChoice.None : rng.Bernoulli(0.67) ? ResponseChoice.Web : ResponseChoice.Phone;
        }
        var ips = person.Ips ? 1.0 : 0.0;
        var x = 0.3 * (ips - 0.56) + 0.3 * person.Person.Distress - 0.3 * person.Person.DrugUse - 0.3 * (person.Person.InvoluntaryAdmission ? 1 : 0);
        var p = occasion == 12
            ? Logistic(-1.1 + 1.7 * (_choices.GetValueOrDefault((person.Id, 6)) == ResponseChoice.None ? 0 : 1) + x)
            : Logistic(-0.04 + x);
        if (!rng.Bernoulli(p))
        {
            return ResponseChoice.None;
        }
        return rng.Bernoulli(0.8) ? ResponseChoice.Web : ResponseChoice.Phone;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Each coordinator's weekly round of the centre's phone tasks: those who said they would answer by phone do.</summary>
    private async Task PhoneTasksAsync(CancellationToken cancellationToken)
    {
        foreach (var centre in Centres.Codes)
        {
            var coordinator = _staff[Centres.Coordinator(centre)];
            var tasks = await coordinator.GetAsync<List<PhoneTaskView>>($"/api/followup/centres/{centre}/phone-tasks", cancellationToken);
            // The same fixed order as the messages: the service lists tasks by due time, and ties between them would
            // otherwise hand the seeded answers to different people from run to run.
            foreach (var task in tasks.OrderBy(t => ResearchIdOf(t.Participant), StringComparer.Ordinal)
                         .ThenBy(t => OccasionMonths(t.Occasion)))
            {
                if (!_enrolled.TryGetValue(task.Participant, out var person) || _phoned.Contains(task.OccasionId))
                {
                    continue;
                }
                var months = OccasionMonths(task.Occasion);
                var choice = _choices.TryGetValue((person.Id, months), out var c) ? c : DecideUncontacted(person, months);
                if (choice != ResponseChoice.Phone)
                {
                    continue;
                }
                var level = AnswerModel.Level(person.Person, person.Ips, months, rng);
                var answers = service.Instruments.ForOccasion(task.Occasion).ToDictionary(i => i.Code, i => i.Items.ToDictionary(item => item.Code,
                    item => (int?)AnswerModel.Answer(i.Code, item.Options.Count > 0 ? item.Options.Select(o => o.Value).Order().ToList()
                        : Enumerable.Range(item.Minimum, item.Maximum - item.Minimum + 1).ToList(), person.Person, level, rng), StringComparer.Ordinal),
                    StringComparer.Ordinal);
                await coordinator.PostAsync($"/api/followup/occasions/{task.OccasionId}/responses", new { mode = "phone", answers }, cancellationToken);
                _phoned.Add(task.OccasionId);
                _summary.PhoneAnswers[months] = _summary.PhoneAnswers.GetValueOrDefault(months) + 1;
            }
        }
    }

    /// <summary>A participant with neither e-mail nor phone hears of the occasion only when the coordinator calls.</summary>
    private ResponseChoice DecideUncontacted(Enrolled person, int months)
    {
        var choice = Decide(person, months) == ResponseChoice.None ? ResponseChoice.None : ResponseChoice.Phone;
        _choices[(person.Id, months)] = choice;
        return choice;
    }

    private static int OccasionMonths(string code) => int.Parse(code.Trim('m', 'M'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fields of Follow-up's phone task the coordinator needs.</summary>
    private sealed record PhoneTaskView(Guid TaskId, Guid OccasionId, Guid Participant, string Occasion);
}
