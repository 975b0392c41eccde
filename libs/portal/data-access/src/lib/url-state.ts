import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, ParamMap, Router } from '@angular/router';

// Every filter and selection of a page lives in the URL query string (DOMAIN.md §10), so a link reproduces
// the view. Parsers are total: a bad or missing value falls back to the default; defaults are left out of URLs.

export const DEFAULT_SYMBOL = 'SPY';

/** `symbol`: upper-case, only A–Z 0–9 . _ -, default SPY. */
export function parseSymbol(raw: string | null | undefined, fallback = DEFAULT_SYMBOL): string {
  const cleaned = (raw ?? '').toUpperCase().replace(/[^A-Z0-9._-]/g, '');
  return cleaned || fallback;
}

export interface IntRange {
  min: number;
  max: number;
  def: number;
  /** Values snap to multiples of step (from min). */
  step?: number;
}

/** An integer parameter clamped to [min, max] and snapped to its step; anything unparseable ⇒ the default. */
export function parseIntParam(raw: string | null | undefined, range: IntRange): number {
  if (raw === null || raw === undefined || raw.trim() === '' || !/^-?\d+(\.\d+)?$/.test(raw.trim())) return range.def;
  let n = Math.round(Number(raw));
  n = Math.min(range.max, Math.max(range.min, n));
  if (range.step && range.step > 1) n = Math.min(range.max, range.min + Math.round((n - range.min) / range.step) * range.step);
  return n;
}

/** One of a fixed set of values, else the default. */
export function parseChoice<T extends string | number>(raw: string | null | undefined, choices: readonly T[], def: T): T {
  const found = choices.find((c) => String(c) === raw);
  return found ?? def;
}

/** A free-text parameter (trimmed; empty ⇒ null). */
export function parseText(raw: string | null | undefined): string | null {
  const t = (raw ?? '').trim();
  return t ? t : null;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Query-string values for a patch: a value equal to its default (or empty) becomes null, i.e. removed from the URL. */
export function withoutDefaults(values: Record<string, QueryValue>, defaults: Record<string, QueryValue> = {}): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const s = value === null || value === undefined ? '' : String(value);
    out[key] = s === '' || (key in defaults && String(defaults[key]) === s) ? null : s;
  }
  return out;
}

/** The current route's query parameters as a signal. Call in an injection context. */
export function injectQueryParams(): Signal<ParamMap> {
  return toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
}

/** A function that merges a patch into the current URL's query string (defaults removed). Call in an injection context. */
export function injectQueryUpdater(defaults: Record<string, QueryValue> = {}): (patch: Record<string, QueryValue>) => Promise<boolean> {
  const router = inject(Router);
  const route = inject(ActivatedRoute);
  return (patch) => router.navigate([], { relativeTo: route, queryParams: withoutDefaults(patch, defaults), queryParamsHandling: 'merge' });
}
