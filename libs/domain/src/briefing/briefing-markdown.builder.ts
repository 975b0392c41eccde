import { diffDays } from '../time';
import { BriefingPortfolioRow } from './briefing-portfolio.table';
import { BRIEFING_DISCLAIMER, BriefingReport, BriefingSection } from './briefing.types';
import { earningsDistanceText } from './earnings';
import { fmtMoney, fmtNumber, fmtPct, fmtSigned, fmtStrike, markdownTable, MISSING } from './briefing-format';

// The briefing Markdown (DOMAIN.md §6.2).

export function buildBriefingMarkdown(report: BriefingReport): string {
  const lines: string[] = [
    `# Daily briefing (${report.report_date})`,
    `> ${BRIEFING_DISCLAIMER}`,
    `- Portfolio: \`${report.portfolio_path ?? 'none'}\``,
    `- Symbols: \`${report.symbols.join(', ')}\``,
  ];
  if (report.portfolio_rows.length > 0) lines.push('', '## Portfolio', ...portfolioTable(report.portfolio_rows));
  for (const section of report.sections) lines.push('', ...sectionLines(section, report.top));
  return `${lines.join('\n')}\n`;
}

function portfolioTable(rows: readonly BriefingPortfolioRow[]): string[] {
  const withSpread = rows.some((r) => r.spr_pct !== null);
  const header = ['ID', 'Sym', 'Type', 'Exp', 'Strike', 'Ct', 'Cost', 'Mark', ...(withSpread ? ['Spr%'] : []), 'PnL $', 'PnL %', 'As-of'];
  return markdownTable(
    header,
    rows.map((r) => [
      r.id,
      r.symbol,
      r.option_type,
      r.expiry,
      r.strike === null ? '' : fmtStrike(r.strike),
      String(r.contracts),
      fmtNumber(r.cost_basis),
      fmtNumber(r.mark),
      ...(withSpread ? [fmtPct(r.spr_pct)] : []),
      fmtMoney(r.pnl),
      fmtPct(r.pnl_pct),
      r.as_of ?? MISSING,
    ]),
  );
}

function list(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`- ${title}:`, ...items.map((i) => `  - ${i}`)];
}

function sectionLines(s: BriefingSection, top: number): string[] {
  const out = [`## ${s.symbol} (${s.as_of ?? 'no snapshot'})`];
  if (s.errors.length > 0 && s.chain === null) return [...out, ...list('Errors', s.errors)];
  const earnings = s.next_earnings_date && s.as_of ? `${s.next_earnings_date} (${earningsDistanceText(diffDays(s.next_earnings_date, s.as_of))})` : 'unknown';
  out.push(`- Next earnings: ${earnings}`);
  const q = s.quote_quality;
  if (q) {
    const missing = q.missing_bid_ask_count ?? null;
    out.push(
      `- Quote quality: missing bid/ask ${fmtPct(q.missing_bid_ask_pct)} (${missing ?? MISSING}/${q.contracts ?? MISSING}); median spread ${fmtPct(q.spread_pct_median)}; worst spread ${fmtPct(q.spread_pct_worst)}; stale ${q.stale_quotes ?? MISSING} (${fmtPct(q.stale_pct)})`,
    );
  }
  const d = s.derived;
  out.push(
    `- Vol regime: RV20 \`${fmtPct(d?.rv_20d)}\`, RV60 \`${fmtPct(d?.rv_60d)}\`, IV/RV20 \`${fmtNumber(d?.iv_rv_20d)}\`, IV pct \`${fmtNumber(d?.atm_iv_near_percentile, 0)}\`, Term slope \`${d?.iv_term_slope === null || d?.iv_term_slope === undefined ? MISSING : fmtSigned(d.iv_term_slope * 100, 1, 'pp')}\``,
  );
  out.push(`- Confluence score: \`${s.confluence ? s.confluence.total : MISSING}\` (coverage \`${s.confluence ? `${Math.round(s.confluence.coverage_pct)}%` : MISSING}\`)`);
  out.push(...list('Errors', s.errors), ...list('Warnings', s.warnings));

  const t = s.technicals;
  out.push('', '### Technicals');
  if (t) {
    out.push(
      `- Close \`${fmtNumber(t.close)}\` (${t.as_of}); ATR14 \`${fmtNumber(t.atr)}\`; SMA20 \`${fmtNumber(t.sma)}\``,
      `- Extension \`${fmtSigned(t.extension_atr)} ATR\` (percentile \`${fmtNumber(t.extension_percentile, 0)}\`); RSI14 \`${fmtNumber(t.rsi, 1)}\`; Weekly trend \`${t.weekly_trend ?? MISSING}\``,
    );
  } else out.push('- unavailable');

  const c = s.chain;
  const spot = c?.spot ?? null;
  const atr = t?.atr ?? null;
  const dist = (strike: number | null | undefined) => (strike === null || strike === undefined || spot === null || !atr ? MISSING : fmtSigned((strike - spot) / atr, 2, ' ATR'));
  out.push('', '### Strike map (spot + ATR distance)', `- Spot \`${fmtNumber(spot)}\``);
  if (c) {
    const callWall = c.walls.calls[0]?.strike;
    const putWall = c.walls.puts[0]?.strike;
    out.push(`- Call wall \`${fmtStrike(callWall)}\` (${dist(callWall)})`, `- Put wall \`${fmtStrike(putWall)}\` (${dist(putWall)})`, `- Gamma peak \`${fmtStrike(c.gamma.peak_strike)}\` (${dist(c.gamma.peak_strike)})`);
    for (const r of topFlow(s.flow_net, top, 'all')) out.push(`- Flow ${r.option_type} \`${fmtStrike(r.strike)}\` ΔOI$ \`${fmtMoney(r.delta_oi_notional)}\` (${dist(r.strike)})`);
  }

  out.push('', '### Chain');
  if (c) {
    const near = c.expiries[0];
    out.push(
      `- Spot \`${fmtNumber(c.spot)}\`; expiries \`${c.expiries.map((e) => e.expiry).join(', ') || MISSING}\``,
      `- Top call wall \`${fmtStrike(c.walls.calls[0]?.strike)}\` (OI ${c.walls.calls[0]?.open_interest ?? MISSING}); top put wall \`${fmtStrike(c.walls.puts[0]?.strike)}\` (OI ${c.walls.puts[0]?.open_interest ?? MISSING})`,
      `- Near expiry ${near?.expiry ?? MISSING}: EM \`${fmtMoney(near?.straddle)}\` / \`${fmtPct(near?.expected_move_pct)}\`; ATM IV \`${fmtPct(near?.atm_iv)}\`; skew 25Δ \`${near?.skew_25d_pp === null || near?.skew_25d_pp === undefined ? MISSING : fmtSigned(near.skew_25d_pp, 1, 'pp')}\``,
      `- Gamma peak strike \`${fmtStrike(c.gamma.peak_strike)}\``,
      ...list('Chain warnings', c.warnings),
    );
  } else out.push('- unavailable');

  const cmp = s.compare;
  out.push('', '### Compare');
  if (cmp) {
    out.push(
      `- ${cmp.from_date} → ${cmp.to_date}: spot \`${fmtSigned(cmp.spot_change)}\` (\`${cmp.spot_change_pct === null ? MISSING : fmtSigned(cmp.spot_change_pct * 100, 2, '%')}\`)`,
      `- P/C OI \`${fmtSigned(cmp.pc_oi_change, 3)}\`; P/C volume \`${fmtSigned(cmp.pc_volume_change, 3)}\``,
      `- Near ATM IV \`${fmtSigned(cmp.atm_iv_change_pp, 1, 'pp')}\`; EM% \`${fmtSigned(cmp.em_pct_change_pp, 2, 'pp')}\`; EM$ \`${fmtSigned(cmp.em_dollar_change)}\``,
      `- Call wall \`${fmtStrike(cmp.call_wall?.strike)}\` ΔOI \`${cmp.call_wall ? fmtSigned(cmp.call_wall.delta_oi, 0) : MISSING}\`; put wall \`${fmtStrike(cmp.put_wall?.strike)}\` ΔOI \`${cmp.put_wall ? fmtSigned(cmp.put_wall.delta_oi, 0) : MISSING}\``,
      ...list('Compare warnings', cmp.warnings),
    );
  } else out.push('- unavailable');

  out.push('', '### Flow (net, aggregated by strike)');
  const flowLine = (r: BriefingSection['flow_net'][number]) => `${r.option_type} \`${fmtStrike(r.strike)}\`: ΔOI$ \`${fmtMoney(r.delta_oi_notional)}\`, ΔOI \`${fmtSigned(r.delta_oi, 0)}\``;
  if (s.flow_net.length === 0) out.push('- No net flow rows.');
  else {
    const building = topFlow(s.flow_net, top, 'building').map(flowLine);
    const unwinding = topFlow(s.flow_net, top, 'unwinding').map(flowLine);
    out.push(`- Building:${building.length ? '' : ' none'}`, ...building.map((l) => `  - ${l}`), `- Unwinding:${unwinding.length ? '' : ' none'}`, ...unwinding.map((l) => `  - ${l}`));
  }
  if (s.derived_updated) out.push('', '- Derived: updated');
  return out;
}

function topFlow(rows: BriefingSection['flow_net'], top: number, kind: 'building' | 'unwinding' | 'all'): BriefingSection['flow_net'] {
  return rows
    .filter((r) => (kind === 'building' ? r.delta_oi_notional > 0 : kind === 'unwinding' ? r.delta_oi_notional < 0 : r.delta_oi_notional !== 0))
    .sort((a, b) => Math.abs(b.delta_oi_notional) - Math.abs(a.delta_oi_notional))
    .slice(0, top);
}
