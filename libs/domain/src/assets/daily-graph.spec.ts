import { JOB_DEFINITIONS } from './asset-names';
import {
  DAILY_GRAPH_ASSET_KEYS,
  DAILY_GRAPH_NODES,
  dailyGraphNode,
  downstreamOf,
  isDailyGraphAssetKey,
} from './daily-graph';

describe('daily asset graph (DOMAIN.md §11)', () => {
  it('is the chain candles → bars → snapshots → flow → derived → briefing → dashboard', () => {
    expect(DAILY_GRAPH_NODES.map((n) => n.assetKey)).toEqual([...DAILY_GRAPH_ASSET_KEYS]);
    expect(DAILY_GRAPH_NODES.map((n) => [n.upstream, n.assetKey, n.jobName])).toEqual([
      [null, 'candles_daily', 'ingest_candles'],
      ['candles_daily', 'option_bars', 'ingest_options_bars'],
      ['option_bars', 'options_snapshots', 'snapshot_options'],
      ['options_snapshots', 'options_flow', 'compute_flow'],
      ['options_flow', 'derived_daily', 'compute_derived'],
      ['derived_daily', 'briefing_markdown', 'build_briefing'],
      ['briefing_markdown', 'dashboard_view', 'build_dashboard'],
    ]);
  });

  it('records that the briefing job also writes briefing_json', () => {
    expect(dailyGraphNode('briefing_markdown').alsoWrites).toEqual(['briefing_json']);
    expect(isDailyGraphAssetKey('briefing_json')).toBe(false);
  });

  it('only names assets that the node job actually writes', () => {
    for (const node of DAILY_GRAPH_NODES) {
      const written = JOB_DEFINITIONS[node.jobName].writes.map((w) => w.assetKey);
      expect(written).toContain(node.assetKey);
      for (const extra of node.alsoWrites) expect(written).toContain(extra);
    }
  });

  it('lists the asset checks', () => {
    expect(DAILY_GRAPH_NODES.map((n) => n.assetCheck)).toEqual([
      'candles_daily_quality',
      'option_bars_quality',
      'options_snapshots_quality',
      'options_flow_quality',
      'derived_daily_quality',
      'briefing_markdown_nonempty',
      null,
    ]);
  });

  it('orders every upstream before its node', () => {
    DAILY_GRAPH_NODES.forEach((node, i) => {
      if (node.upstream !== null) expect(DAILY_GRAPH_ASSET_KEYS.indexOf(node.upstream)).toBeLessThan(i);
    });
  });

  it('finds everything downstream of an asset', () => {
    expect(downstreamOf('derived_daily')).toEqual(['briefing_markdown', 'dashboard_view']);
    expect(downstreamOf('dashboard_view')).toEqual([]);
    expect(downstreamOf('candles_daily')).toHaveLength(6);
  });
});
