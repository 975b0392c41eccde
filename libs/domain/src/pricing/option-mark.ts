/** Quote fields as providers deliver them: any may be missing. */
export interface QuoteInput {
  bid: number | null | undefined;
  ask: number | null | undefined;
  lastPrice: number | null | undefined;
}

/**
 * The glossary's "mark" (DOMAIN.md §0.1), used for notional and flow: mid (bid+ask)/2 when bid>0 and ask>0; else the
 * last price if >0; else the ask if >0; else the bid if >0; else null.
 */
export function optionMark(q: QuoteInput): number | null {
  const bid = positive(q.bid);
  const ask = positive(q.ask);
  if (bid !== null && ask !== null) return (bid + ask) / 2;
  return positive(q.lastPrice) ?? ask ?? bid;
}

/**
 * The price implied volatility is inferred from (DOMAIN.md §3.12): mid when bid>0 and ask>0, else the last price
 * when the contract traded today (volume > 0) — a stale last price would infer a stale IV — else null. Stricter than
 * `optionMark` on purpose: a one-sided quote says nothing reliable about value.
 */
export function pricingMark(q: QuoteInput & { volume: number | null | undefined }): number | null {
  const bid = positive(q.bid);
  const ask = positive(q.ask);
  if (bid !== null && ask !== null) return (bid + ask) / 2;
  const volume = positive(q.volume);
  return volume !== null ? positive(q.lastPrice) : null;
}

function positive(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}
