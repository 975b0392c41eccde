// `npm run bench [-- --quick]`: runs every benchmark and writes a JSON report to bench-results/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '@options-helper/ledger-client/testing';
import { backfillBenchmark } from './backfill.bench';
import { log } from './bench-stats';
import { computeFlowBenchmark } from './compute-flow.bench';
import { flowIndexBenchmark } from './flow-index.bench';
import { ledgerBenchmark } from './ledger.bench';
import { metricsBenchmark } from './metrics.bench';
import { portalApiBenchmark } from './portal-api.bench';
import { portalBenchmark } from './portal.bench';
import { snapshotBenchmark } from './snapshot.bench';
import { syntheticBenchmark } from './synthetic.bench';
import { gatewayBenchmark } from './gateway.bench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  // `--only ledger,snapshot` runs a subset.
  const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = (name: string) => !onlyArg || onlyArg.split(',').includes(name);
  const started = new Date();
  const report = {
    generated_at: started.toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, memory_gib: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    ledger: only('ledger') ? await ledgerBenchmark({ quick }) : undefined,
    snapshot_options: only('snapshot') ? await snapshotBenchmark() : undefined,
    synthetic: only('synthetic') ? await syntheticBenchmark() : undefined,
    metrics: only('metrics') ? await metricsBenchmark({ quick }) : undefined,
    gateway: only('gateway') ? await gatewayBenchmark({ quick }) : undefined,
    portal_api: only('portal') ? await portalApiBenchmark({ quick }) : undefined,
    portal_ui: only('portal-ui') ? await portalBenchmark({ quick }) : undefined,
    compute_flow: only('compute-flow') ? await computeFlowBenchmark({ quick }) : undefined,
    flow_index: only('flow-index') ? await flowIndexBenchmark({ quick }) : undefined,
    backfill: only('backfill') ? await backfillBenchmark({ quick }) : undefined,
  };
  const dir = path.join(REPO_ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
  process.stdout.write(text);
  log(`report written to ${path.relative(REPO_ROOT, file)}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
