using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trial.Followup.Scheduling;

namespace Trial.Followup.Outbox;

/// <summary>
/// Every node dispatches: the outbox claim (FOR UPDATE SKIP LOCKED) lets nodes share the work without sending a row
/// twice, so this is a per-node loop rather than a cluster-wide Quartz job that only one node would run.
/// </summary>
internal sealed class OutboxDispatchService(OutboxDispatcher dispatcher, SchedulerTiming timing, ILogger<OutboxDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(timing.DispatchPollInterval);
        do
        {
            try
            {
                var report = await dispatcher.DispatchDueAsync(timing.DispatchWorkers, stoppingToken);
                if (report.Sent + report.Deferred + report.NoAddress + report.Failed + report.Parked + report.Held > 0)
                {
                    logger.LogInformation("Outbox: {Sent} sent, {Deferred} deferred to allowed hours, {NoAddress} without address, {Failed} failed (retried later), {Parked} parked for the coordinator, {Held} e-mails held (no SMTP relay)",
                        report.Sent, report.Deferred, report.NoAddress, report.Failed, report.Parked, report.Held);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The row stays pending and is retried on the next tick.
                logger.LogError(e, "Outbox dispatch failed; retrying at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
