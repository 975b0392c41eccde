import type { Provider, Type } from '@nestjs/common';
import { Ledger, PortalReads } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { PortalCoverageController } from './portal-coverage.controller';
import { PortalDataController } from './portal-data.controller';
import { PortalFlowController } from './portal-flow.controller';
import { PortalMetaController } from './portal-meta.controller';
import { PortalMetaService } from './portal-meta.service';
import { PortalPortfolioController } from './portal-portfolio.controller';
import { PortalPortfolioService } from './portal-portfolio.service';
import { PortalRunsController } from './portal-runs.controller';
import { PortalSymbolsController } from './portal-symbols.controller';
import { PORTAL_CONFIG, PortalConfig } from './portal.config';
import { PORTAL_READS } from './portal.tokens';

/** Every portal read controller (all GET; docs/portal-api.md). */
export const PORTAL_CONTROLLERS: Type<unknown>[] = [
  PortalMetaController,
  PortalRunsController,
  PortalPortfolioController,
  PortalSymbolsController,
  PortalFlowController,
  PortalDataController,
  PortalCoverageController,
];

export function portalProviders(config: PortalConfig): Provider[] {
  return [
    { provide: PORTAL_CONFIG, useValue: config },
    { provide: PORTAL_READS, useFactory: (ledger: Ledger) => new PortalReads(ledger), inject: [LEDGER] },
    PortalPortfolioService,
    PortalMetaService,
  ];
}
