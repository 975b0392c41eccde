import {
  ASSET_KEYS,
  ASSET_KIND_BY_KEY,
  ASSET_KINDS,
  DAILY_GRAPH_JOB,
  isAssetKey,
  isAssetKind,
  isJobName,
  isTrigger,
  JOB_DEFINITIONS,
  JOB_NAMES,
  TRIGGERS,
} from './asset-names';

describe('stable names', () => {
  it('lists exactly the names of DOMAIN.md §0.4 and ARCHITECTURE.md §5', () => {
    expect(JOB_NAMES).toEqual([
      'ingest_candles',
      'ingest_options_bars',
      'snapshot_options',
      'compute_flow',
      'compute_derived',
      'build_briefing',
      'build_dashboard',
    ]);
    expect(ASSET_KEYS).toEqual([
      'candles_daily',
      'option_contracts',
      'option_bars',
      'options_snapshots',
      'options_flow',
      'derived_daily',
      'briefing_markdown',
      'briefing_json',
      'dashboard_view',
    ]);
    expect(ASSET_KINDS).toEqual(['table', 'file', 'view']);
    expect(TRIGGERS).toEqual(['cli', 'api', 'schedule', 'backfill']);
    expect(DAILY_GRAPH_JOB).toBe('daily_graph');
  });

  it('guards names exactly (no trimming, no case folding)', () => {
    expect(isJobName('compute_flow')).toBe(true);
    expect(isJobName('Compute_Flow')).toBe(false);
    expect(isJobName('daily_graph')).toBe(false); // the orchestrator's parent run, not a producer job
    expect(isAssetKey('briefing_json')).toBe(true);
    expect(isAssetKey('briefing')).toBe(false);
    expect(isAssetKind('view')).toBe(true);
    expect(isAssetKind('dir')).toBe(false);
    expect(isTrigger('backfill')).toBe(true);
    expect(isTrigger(' cli')).toBe(false);
    expect(isTrigger(undefined)).toBe(false);
  });
});

describe('JOB_DEFINITIONS', () => {
  it('maps every job to the assets it writes, with their kinds (DOMAIN.md §0.4)', () => {
    const table = Object.fromEntries(
      JOB_NAMES.map((job) => [job, JOB_DEFINITIONS[job].writes.map((w) => `${w.assetKey}:${w.assetKind}${w.always ? '' : '?'}`)]),
    );
    expect(table).toEqual({
      ingest_candles: ['candles_daily:table'],
      ingest_options_bars: ['option_contracts:table', 'option_bars:table'],
      snapshot_options: ['options_snapshots:table'],
      compute_flow: ['options_flow:table'],
      compute_derived: ['derived_daily:table'],
      build_briefing: ['briefing_markdown:file', 'briefing_json:file', 'derived_daily:table?'],
      build_dashboard: ['dashboard_view:view'],
    });
  });

  it('names the CLI command of each job', () => {
    expect(JOB_DEFINITIONS.ingest_options_bars.cliCommand).toBe('ingest options-bars');
    expect(JOB_DEFINITIONS.compute_flow.cliCommand).toBe('flow');
    expect(JOB_DEFINITIONS.compute_derived.cliCommand).toBe('derived update');
  });

  it('keys each definition by its own name and gives every asset a kind', () => {
    for (const job of JOB_NAMES) expect(JOB_DEFINITIONS[job].jobName).toBe(job);
    for (const key of ASSET_KEYS) expect(ASSET_KINDS).toContain(ASSET_KIND_BY_KEY[key]);
  });

  it('has every asset written by some job', () => {
    const written = new Set(JOB_NAMES.flatMap((job) => JOB_DEFINITIONS[job].writes.map((w) => w.assetKey)));
    expect([...written].sort()).toEqual([...ASSET_KEYS].sort());
  });
});
