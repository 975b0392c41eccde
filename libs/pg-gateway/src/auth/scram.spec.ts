import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { formatScramSecret, parseScramSecret, scramSecret, ScramError, ScramServerExchange } from './scram';

// RFC 7677 §3: user "user", password "pencil", 4096 iterations.
const RFC = {
  password: 'pencil',
  salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

/** What a client computes (RFC 5802 §3), to log in with a password of our choosing. */
function clientProof(password: string, salt: Buffer, iterations: number, authMessage: string): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const stored = createHash('sha256').update(clientKey).digest();
  const signature = createHmac('sha256', stored).update(authMessage).digest();
  return Buffer.from(clientKey.map((b, i) => b ^ signature[i])).toString('base64');
}

describe('SCRAM-SHA-256 server', () => {
  it('reproduces the RFC 7677 exchange byte for byte', () => {
    const exchange = new ScramServerExchange(scramSecret(RFC.password, RFC.salt, 4096), RFC.serverNonce);
    expect(exchange.start(RFC.clientFirst)).toBe(RFC.serverFirst);
    expect(exchange.finish(RFC.clientFinal)).toBe(RFC.serverFinal);
  });

  it('rejects a proof made with another password', () => {
    const exchange = new ScramServerExchange(scramSecret('not pencil', RFC.salt, 4096), RFC.serverNonce);
    exchange.start(RFC.clientFirst);
    expect(() => exchange.finish(RFC.clientFinal)).toThrow(ScramError);
  });

  it('rejects an unknown user even with a proof that would match the made-up secret', () => {
    const exchange = new ScramServerExchange(null, 'servernonce');
    const first = exchange.start('n,,n=,r=abc');
    const salt = Buffer.from(/s=([^,]+)/.exec(first)?.[1] ?? '', 'base64');
    const withoutProof = 'c=biws,r=abcservernonce';
    const proof = clientProof('anything', salt, 4096, `n=,r=abc,${first},${withoutProof}`);
    expect(() => exchange.finish(`${withoutProof},p=${proof}`)).toThrow('password authentication failed');
  });

  it('rejects a changed nonce, channel-binding data or a -PLUS request', () => {
    const make = () => {
      const e = new ScramServerExchange(scramSecret(RFC.password, RFC.salt, 4096), RFC.serverNonce);
      e.start(RFC.clientFirst);
      return e;
    };
    expect(() => make().finish(RFC.clientFinal.replace('r=rOpr', 'r=XOpr'))).toThrow('nonce');
    expect(() => make().finish(RFC.clientFinal.replace('c=biws', 'c=eSws'))).toThrow('channel binding');
    expect(() => new ScramServerExchange(null).start('p=tls-server-end-point,,n=,r=x')).toThrow('not supported');
  });

  it('stores secrets in the Postgres text form and parses them back', () => {
    const secret = scramSecret(RFC.password, RFC.salt, 4096);
    const text = formatScramSecret(secret);
    expect(text).toBe(`SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$${secret.storedKey.toString('base64')}:${secret.serverKey.toString('base64')}`);
    expect(parseScramSecret(text)).toEqual(secret);
    expect(() => parseScramSecret('md5abcdef')).toThrow('not a SCRAM-SHA-256 secret');
  });
});
