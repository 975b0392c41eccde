import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { RangePlanRequest } from '@options-helper/domain';
import type { BackfillDetail } from '@options-helper/ledger';
import { BackfillLedgerClient } from '../clients/backfill-ledger.client';
import { ORCHESTRATOR_CONFIG, OrchestratorConfig } from '../orchestrator.config';
import { BackfillWorker } from './backfill-worker.service';

@Injectable()
export class BackfillApplyService {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly backfills: BackfillLedgerClient,
    private readonly worker: BackfillWorker,
  ) {}

  /**
   * Re-plans with the same parameters and accepts only when the hash is unchanged (what the user saw is what runs);
   * records the backfill in the ledger and hands it to the worker.
   */
  async apply(hash: string, request: RangePlanRequest): Promise<BackfillDetail> {
    const plan = await this.backfills.rangePlan(request, this.config.partitionStart);
    if (plan.hash !== hash) throw new ConflictException(`plan ${hash} is not the current plan for these parameters (now ${plan.hash}); run \`backfill plan\` again`);
    const backfill = await this.backfills.create(plan, 'backfill');
    this.worker.enqueue(backfill.backfill_id);
    return backfill;
  }
}
