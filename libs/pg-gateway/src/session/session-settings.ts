import { GatewayError, SQLSTATE } from '../errors/gateway-error';
import { parseDurationMs } from '../sql/session-command';

export const SERVER_VERSION = '15.0 (options-helper gateway)';

/** Settings reported to the client in ParameterStatus at start-up and when they change. */
export const REPORTED = new Set([
  'server_version',
  'server_encoding',
  'client_encoding',
  'datestyle',
  'intervalstyle',
  'timezone',
  'integer_datetimes',
  'standard_conforming_strings',
  'application_name',
  'is_superuser',
  'session_authorization',
]);

// Names as Postgres spells them in ParameterStatus and SHOW.
const DISPLAY: Record<string, string> = { datestyle: 'DateStyle', intervalstyle: 'IntervalStyle', timezone: 'TimeZone' };

/** Settings the gateway cannot honour are fixed; setting them to anything else is refused. */
const FIXED: Record<string, (v: string) => boolean> = {
  standard_conforming_strings: (v) => v.toLowerCase() === 'on',
  integer_datetimes: () => false,
  server_version: () => false,
  server_encoding: () => false,
  intervalstyle: (v) => v.toLowerCase() === 'postgres',
  transaction_read_only: (v) => ['on', 'true', '1'].includes(v.toLowerCase()),
  default_transaction_read_only: (v) => ['on', 'true', '1'].includes(v.toLowerCase()),
};

export class SessionSettings {
  private readonly values = new Map<string, string>();
  private readonly defaults = new Map<string, string>();

  constructor(user: string, applicationName: string, statementTimeoutMs: number) {
    const initial: Record<string, string> = {
      server_version: SERVER_VERSION,
      server_version_num: '150000',
      server_encoding: 'UTF8',
      client_encoding: 'UTF8',
      datestyle: 'ISO, MDY',
      intervalstyle: 'postgres',
      timezone: 'UTC',
      integer_datetimes: 'on',
      standard_conforming_strings: 'on',
      application_name: applicationName,
      is_superuser: 'off',
      session_authorization: user,
      search_path: '"$user", public',
      statement_timeout: String(statementTimeoutMs),
      extra_float_digits: '1',
      transaction_isolation: 'serializable',
      transaction_read_only: 'on',
      default_transaction_read_only: 'on',
      max_identifier_length: '63',
      lc_collate: 'C',
      lc_ctype: 'C',
    };
    for (const [k, v] of Object.entries(initial)) {
      this.values.set(k, v);
      this.defaults.set(k, v);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }

  displayName(name: string): string {
    return DISPLAY[name] ?? name;
  }

  /** Applies SET / RESET; returns the names whose reported value changed. */
  set(name: string, value: string | null): string[] {
    if (name === '*') {
      const changed = [...this.defaults].filter(([k, v]) => this.values.get(k) !== v).map(([k]) => k);
      for (const [k, v] of this.defaults) this.values.set(k, v);
      return changed.filter((k) => REPORTED.has(k));
    }
    const key = name.toLowerCase();
    let next = value ?? this.defaults.get(key) ?? '';
    if (key === 'statement_timeout') next = String(parseDurationMs(next));
    // Values are always sent as UTF-8 and timestamps in UTC; a client asking otherwise gets what the gateway does.
    if (key === 'client_encoding' || key === 'timezone' || key === 'datestyle') next = this.defaults.get(key) as string;
    const fixed = FIXED[key];
    if (fixed && value !== null && !fixed(value) && value !== this.defaults.get(key)) {
      throw new GatewayError(SQLSTATE.featureNotSupported, `parameter "${key}" cannot be changed on this gateway`);
    }
    const before = this.values.get(key);
    this.values.set(key, next);
    return before !== next && REPORTED.has(key) ? [key] : [];
  }

  get statementTimeoutMs(): number {
    return Number(this.values.get('statement_timeout') ?? 0);
  }

  reported(): Array<[string, string]> {
    return [...REPORTED].map((k) => [this.displayName(k), this.values.get(k) ?? '']);
  }
}
