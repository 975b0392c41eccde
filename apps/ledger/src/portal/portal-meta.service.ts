import { Inject, Injectable } from '@nestjs/common';
import { PORTAL_DEFAULT_SYMBOL, PORTAL_DISCLAIMER, planCommand, PortalMeta } from '@options-helper/domain';
import { GUIDANCE_MISSING_TABLES, type Ledger, type PortalReads } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { PORTAL_CONFIG, PortalConfig } from './portal.config';
import { PORTAL_READS } from './portal.tokens';

const BOOTSTRAP_ASSETS = ['candles_daily', 'options_snapshots', 'options_flow', 'derived_daily'] as const;

/** What every portal page shows in its header, and the defaults of its forms. */
@Injectable()
export class PortalMetaService {
  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    @Inject(PORTAL_READS) private readonly reads: PortalReads,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  async meta(): Promise<PortalMeta> {
    const ready = await this.reads.observabilityReady();
    const now = this.ledger.now();
    let lastSession: string | null = null;
    try {
      lastSession = this.ledger.calendar.lastCompletedSession(now);
    } catch {
      lastSession = null;
    }
    return {
      disclaimer: PORTAL_DISCLAIMER,
      database_path: this.ledger.databasePath,
      schema_version: await this.ledger.schemaVersion(),
      latest_schema_version: this.ledger.latestSchemaVersion,
      observability_ready: ready,
      guidance: ready ? null : GUIDANCE_MISSING_TABLES,
      data_dir: this.config.dataDir,
      portfolio_path: this.config.portfolioPath,
      reports_dir: this.config.reportsDir,
      default_symbol: PORTAL_DEFAULT_SYMBOL,
      bootstrap_commands: ['options-helper db init', ...BOOTSTRAP_ASSETS.map((a) => planCommand(a, 'ALL', this.config.portfolioPath))],
      now: now.toISOString(),
      last_completed_session: lastSession,
    };
  }
}
