import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';

export const WRITE_TOKEN = Symbol('WRITE_TOKEN');
const READ_ONLY_ENDPOINT = 'options-helper:read-only-endpoint';

/** Marks a POST that changes nothing (e.g. a read-only SQL query) so it needs no write token. */
export const ReadOnlyEndpoint = () => SetMetadata(READ_ONLY_ENDPOINT, true);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * When a token is configured, every write endpoint (any method but GET/HEAD/OPTIONS) needs
 * `Authorization: Bearer <token>`; without a token configured, writes are open (loopback by default).
 */
@Injectable()
export class WriteTokenGuard implements CanActivate {
  constructor(
    @Inject(WRITE_TOKEN) private readonly token: string | null,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.token) return true;
    const req = context.switchToHttp().getRequest<{ method: string; headers: Record<string, string | undefined> }>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(READ_ONLY_ENDPOINT, [context.getHandler(), context.getClass()])) return true;
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameSecret(match[1] as string, this.token)) {
      throw new UnauthorizedException('a valid bearer token is required for write endpoints (OPTIONS_HELPER_LEDGER_TOKEN)');
    }
    return true;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
