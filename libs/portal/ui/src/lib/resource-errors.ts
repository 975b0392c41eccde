// What an error state says: the ledger's message, plus the command to run next when the cause is known.

export interface ErrorView {
  message: string;
  command: string | null;
}

export function errorView(err: unknown): ErrorView {
  const e = err as { status?: number; message?: string; reason?: string | null } | null;
  const message = e?.message ?? String(err);
  if (e?.status === 0) return { message, command: 'options-helper ui' };
  return { message: e?.reason ? `${message} (${e.reason})` : message, command: null };
}
