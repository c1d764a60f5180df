import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CrmEventTypes, EventTypes } from '@app/contracts';
import { MetricsService, PollingLoop } from '@app/platform';
import { crmPollerConfig, CrmPollerSettings } from './crm-poller.config';
import { AccountChangeTracker } from './account-change-tracker';
import { OpportunityChangeTracker, PollResult } from './opportunity-change-tracker';

interface CrmPollResult {
  opportunities: PollResult;
  /** Absent when the account feed was not due (CRM_ACCOUNT_POLL_INTERVAL_MS). */
  accounts?: PollResult;
}

/**
 * Runs the change trackers while the app runs: opportunities (-> opportunity.closed_won) every
 * CRM_POLL_INTERVAL_MS, accounts (-> customer.changed) at most every CRM_ACCOUNT_POLL_INTERVAL_MS: started on bootstrap, stopped (waiting for the poll
 * in flight) on shutdown; CRM_POLL_ENABLED=false turns it off. Polls never overlap; a failed poll is
 * logged and retried with a growing pause (at most 30 s).
 */
@Injectable()
export class CrmChangePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CrmChangePoller');
  private readonly loop: PollingLoop<CrmPollResult>;
  /** When the account feed is next due (the first poll polls both). */
  private accountsDueAt = 0;

  constructor(
    tracker: OpportunityChangeTracker,
    accounts: AccountChangeTracker,
    @Inject(crmPollerConfig.KEY) private readonly config: CrmPollerSettings,
    metrics: MetricsService,
  ) {
    const eventsStaged = metrics.counter('crm_events_staged_total', 'Events staged by the CRM change feed, by type', [
      'type',
    ]);
    this.loop = new PollingLoop(
      {
        name: 'CRM',
        metricPrefix: 'crm',
        intervalMs: config.intervalMs,
        poll: async (): Promise<CrmPollResult> => {
          const opportunities = await tracker.pollOnce();
          if (Date.now() < this.accountsDueAt) return { opportunities };
          const result = { opportunities, accounts: await accounts.pollOnce() };
          this.accountsDueAt = Date.now() + config.accountIntervalMs;
          return result;
        },
        onSuccess: (result) => {
          const { opportunities: o, accounts: a } = result;
          if (o.events > 0) eventsStaged.inc({ type: CrmEventTypes.OpportunityClosedWon }, o.events);
          if (a && a.events > 0) eventsStaged.inc({ type: EventTypes.CustomerChanged }, a.events);
          if (o.events + (a?.events ?? 0) > 0 || o.initialised || a?.initialised) this.log.debug(result, 'CRM poll');
        },
      },
      metrics,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.log.log('CRM polling disabled (CRM_POLL_ENABLED=false)');
      return;
    }
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get isRunning(): boolean {
    return this.loop.isRunning;
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the poll in flight to finish. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
