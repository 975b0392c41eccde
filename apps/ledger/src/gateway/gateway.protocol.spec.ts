import * as net from 'node:net';
import { DuckDbGatewayBackend } from '@options-helper/ledger';
import { startGatewayServer, type GatewayTestServer } from './testing/gateway-test-server';
import { dataRow, errorFields, fe, RawPgClient, tag, type RawMessage } from './testing/raw-pg-client';

jest.setTimeout(120_000);

const types = (ms: RawMessage[]) => ms.map((m) => m.type).join('');

// The wire protocol byte by byte (trust on loopback, so no password exchange): start-up, the simple
// and the extended protocol, pipelining and transaction status.
describe('Postgres gateway wire protocol', () => {
  let server: GatewayTestServer;
  let client: RawPgClient;

  beforeAll(async () => {
    server = await startGatewayServer({ trustLoopback: true });
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    client = await RawPgClient.connect(server.port, { user: 'anyone', database: 'whatever', application_name: 'proto-test' });
    const startup = await client.readUntil('Z');
    expect(types(startup)).toMatch(/^RS+KZ$/);
  });

  afterEach(() => client.end());

  it('reports the parameters clients expect at start-up', async () => {
    const c = await RawPgClient.connect(server.port, { user: 'u' });
    const ms = await c.readUntil('Z');
    const params = Object.fromEntries(
      ms.filter((m) => m.type === 'S').map((m) => m.body.toString('utf8').split('\0').slice(0, 2) as [string, string]),
    );
    expect(Object.keys(params).sort()).toEqual(
      ['DateStyle', 'IntervalStyle', 'TimeZone', 'application_name', 'client_encoding', 'integer_datetimes', 'is_superuser', 'server_encoding', 'server_version', 'session_authorization', 'standard_conforming_strings'].sort(),
    );
    expect(params['client_encoding']).toBe('UTF8');
    expect(params['integer_datetimes']).toBe('on');
    expect(params['standard_conforming_strings']).toBe('on');
    expect(ms.find((m) => m.type === 'K')?.body.length).toBe(8);
    c.end();
  });

  it('negotiates protocol 3.0 when asked for a newer minor version and unknown _pq_ options', async () => {
    const c = await RawPgClient.connect(server.port, { user: 'u', '_pq_.compression': 'on' }, (3 << 16) | 2);
    const ms = await c.readUntil('Z');
    const v = ms.find((m) => m.type === 'v') as RawMessage;
    expect(v.body.readInt32BE(0)).toBe(196_608);
    expect(v.body.readInt32BE(4)).toBe(1);
    expect(v.body.toString('utf8', 8, v.body.length - 1)).toBe('_pq_.compression');
    expect(types(ms)).toContain('R');
    c.end();
  });

  it("answers SSLRequest and GSSENCRequest with 'N' when TLS is off", async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const replies: string[] = [];
    socket.on('data', (d: Buffer) => replies.push(d.toString('latin1')));
    await new Promise((r) => socket.once('connect', r));
    for (const code of [80_877_104, 80_877_103]) {
      const b = Buffer.alloc(8);
      b.writeInt32BE(8, 0);
      b.writeInt32BE(code, 4);
      socket.write(b);
      for (let i = 0; i < 100 && replies.join('').length < (code === 80_877_104 ? 1 : 2); i++) await new Promise((r) => setTimeout(r, 20));
    }
    expect(replies.join('')).toBe('NN');
    socket.destroy();
  });

  it('runs a multi-statement simple query with one RowDescription and tag per statement', async () => {
    client.send(fe.query('SELECT 1 AS a; SELECT x FROM range(3) t(x)'));
    const ms = await client.readUntil('Z');
    expect(types(ms)).toBe('TDCTDDDCZ');
    expect(ms.filter((m) => m.type === 'C').map(tag)).toEqual(['SELECT 1', 'SELECT 3']);
  });

  it('answers empty and comment-only queries with EmptyQueryResponse', async () => {
    client.send(fe.query(''), fe.query('  -- nothing here\n /* or here */ ;'));
    expect(types(await client.readUntil('Z'))).toBe('IZ');
    expect(types(await client.readUntil('Z'))).toBe('IZ');
  });

  it('runs nothing from a multi-statement string with one refused statement', async () => {
    client.send(fe.query('SELECT 1; CREATE TABLE evil(i INTEGER); SELECT 2'));
    const ms = await client.readUntil('Z');
    expect(types(ms)).toBe('EZ');
    expect(errorFields(ms[0])['C']).toBe('25006');
    const tables = await server.ledger.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'evil'`);
    expect(tables.rows[0]['n']).toBe(0);
  });

  it('describes a statement without running it, then reports the run-time error on execute', async () => {
    client.send(fe.parse('s1', 'SELECT CAST($1 AS INTEGER) + 1 AS v'), fe.describe('S', 's1'), fe.sync());
    const described = await client.readUntil('Z');
    expect(types(described)).toBe('1tTZ');
    const t = described[1];
    expect(t.body.readInt16BE(0)).toBe(1);
    expect(t.body.readInt32BE(2)).toBe(23); // int4
    client.send(fe.bind('', 's1', ['41']), fe.describe('P', ''), fe.execute(''), fe.sync());
    const ok = await client.readUntil('Z');
    expect(types(ok)).toBe('2TDCZ');
    expect(dataRow(ok[2])).toEqual(['42']);
    client.send(fe.bind('', 's1', ['forty-one']), fe.execute(''), fe.sync());
    const bad = await client.readUntil('Z');
    expect(types(bad)).toBe('EZ');
    expect(errorFields(bad[0])['C']).toBe('22P02');
  });

  it('reuses a repeated unnamed statement until something is committed, then prepares it again', async () => {
    const prepares: string[] = [];
    const openSession = DuckDbGatewayBackend.prototype.openSession;
    const spy = jest.spyOn(DuckDbGatewayBackend.prototype, 'openSession').mockImplementation(async function (this: DuckDbGatewayBackend, info) {
      const session = await openSession.call(this, info);
      const prepare = session.prepare.bind(session);
      session.prepare = (sql, declared) => {
        prepares.push(sql);
        return prepare(sql, declared);
      };
      return session;
    });
    let c: RawPgClient | null = null;
    try {
      c = await RawPgClient.connect(server.port, { user: 'anyone' });
      await c.readUntil('Z'); // the session is open
    } finally {
      spy.mockRestore();
    }
    try {
      await server.ledger.queue.enqueue((conn) => conn.run('CREATE TABLE gw_reuse (x INTEGER); INSERT INTO gw_reuse VALUES (1), (2)'));
      const run = async (param: string) => {
        c.send(fe.parse('', 'SELECT * FROM gw_reuse WHERE x >= $1'), fe.bind('', '', [param]), fe.describe('P', ''), fe.execute(''), fe.sync());
        return c.readUntil('Z');
      };
      expect((await run('1')).filter((m) => m.type === 'D').map((m) => dataRow(m))).toEqual([['1'], ['2']]);
      expect((await run('2')).filter((m) => m.type === 'D').map((m) => dataRow(m))).toEqual([['2']]);
      expect(prepares.filter((sql) => sql.includes('gw_reuse'))).toHaveLength(1);
      // A commit (here one that changes the columns) makes the next Parse prepare the text again.
      await server.ledger.queue.enqueue((conn) => conn.run("ALTER TABLE gw_reuse ADD COLUMN y VARCHAR DEFAULT 'new'"));
      const after = await run('2');
      expect(prepares.filter((sql) => sql.includes('gw_reuse'))).toHaveLength(2);
      expect(after.find((m) => m.type === 'T')?.body.readInt16BE(0)).toBe(2);
      expect(after.filter((m) => m.type === 'D').map((m) => dataRow(m))).toEqual([['2', 'new']]);
      // Different declared types are a different statement.
      c.send(fe.parse('', 'SELECT * FROM gw_reuse WHERE x >= $1', [20]), fe.bind('', '', ['1']), fe.execute(''), fe.sync());
      expect(types(await c.readUntil('Z'))).toBe('12DDCZ');
      expect(prepares.filter((sql) => sql.includes('gw_reuse'))).toHaveLength(3);
    } finally {
      c.end();
    }
  });

  it('suspends a portal at the row limit and resumes it', async () => {
    client.send(fe.parse('', 'SELECT x FROM range(7) t(x)'), fe.bind('p', ''), fe.execute('p', 3), fe.execute('p', 3), fe.execute('p', 3), fe.sync());
    const ms = await client.readUntil('Z');
    expect(types(ms)).toBe('12DDDsDDDsDCZ');
    expect(tag(ms[ms.length - 2])).toBe('SELECT 7');
    expect(ms.filter((m) => m.type === 'D').map((m) => dataRow(m)[0])).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('skips to Sync after an error in a pipeline and runs what follows', async () => {
    client.send(
      fe.parse('', 'SELECT 1 AS one'), fe.bind('', ''), fe.execute(''),
      fe.parse('', 'SELECT * FROM no_such_table'), fe.bind('', ''), fe.execute(''),
      fe.parse('', 'SELECT 3 AS three'), fe.bind('', ''), fe.execute(''),
      fe.sync(),
      fe.parse('', 'SELECT 4 AS four'), fe.bind('', ''), fe.execute(''),
      fe.sync(),
    );
    const first = await client.readUntil('Z');
    expect(types(first)).toBe('12DCEZ');
    expect(errorFields(first[4])['C']).toBe('42P01');
    const second = await client.readUntil('Z');
    expect(types(second)).toBe('12DCZ');
    expect(dataRow(second[2])).toEqual(['4']);
  });

  it('sends binary results when the client asks for them', async () => {
    const sql = `SELECT true AS b, -2::SMALLINT AS i2, 7::INTEGER AS i4, -1::BIGINT AS i8, 1.5::REAL AS f4, 0.25::DOUBLE AS f8,
      '-12.50'::DECIMAL(10,2) AS num, 'hé' AS txt, unhex('01FF') AS bin, DATE '2000-01-02' AS d, TIME '00:00:01.5' AS t,
      TIMESTAMP '2000-01-01 00:00:01' AS ts, TIMESTAMPTZ '2000-01-01 00:00:00+00' AS tstz, INTERVAL '1 month 2 days 3 seconds' AS iv,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID AS id, [1, NULL]::INTEGER[] AS arr`;
    client.send(fe.parse('', sql), fe.bind('', '', [], [1]), fe.execute(''), fe.sync());
    const ms = await client.readUntil('Z');
    expect(types(ms)).toBe('12DCZ');
    const row = ms[2].body;
    const cols: string[] = [];
    let o = 2;
    for (let i = 0; i < row.readInt16BE(0); i++) {
      const len = row.readInt32BE(o);
      cols.push(row.subarray(o + 4, o + 4 + len).toString('hex'));
      o += 4 + len;
    }
    expect(cols).toEqual([
      '01',
      'fffe',
      '00000007',
      'ffffffffffffffff',
      '3fc00000', // 1.5 as float4
      '3fd0000000000000', // 0.25 as float8
      '0002000040000002000c1388', // numeric: 2 digits, weight 0, negative, dscale 2: 12 | 5000
      '68c3a9',
      '01ff',
      '00000001', // one day after 2000-01-01
      '000000000016e360', // 1.5 s in microseconds
      '00000000000f4240', // 1 s after 2000-01-01 00:00:00
      '0000000000000000',
      '00000000002dc6c00000000200000001', // 3 s, 2 days, 1 month
      'a0eebc999c0b4ef8bb6d6bb9bd380a11',
      // one dimension, has nulls, int4 elements, 2 items from 1: 1, NULL
      '000000010000000100000017000000020000000100000004' + '00000001' + 'ffffffff',
    ]);
  });

  it('closes statements and portals', async () => {
    client.send(fe.parse('gone', 'SELECT 1'), fe.close('S', 'gone'), fe.bind('', 'gone'), fe.sync());
    const ms = await client.readUntil('Z');
    expect(types(ms)).toBe('13EZ');
    expect(errorFields(ms[2])['C']).toBe('26000');
  });

  it('tracks the transaction status and refuses work in a failed transaction until ROLLBACK', async () => {
    client.send(fe.query('BEGIN'));
    expect((await client.readUntil('Z')).pop()?.body.toString()).toBe('T');
    client.send(fe.query('SELECT * FROM no_such_table'));
    expect((await client.readUntil('Z')).pop()?.body.toString()).toBe('E');
    client.send(fe.query('SELECT 1'));
    const refused = await client.readUntil('Z');
    expect(errorFields(refused[0])['C']).toBe('25P02');
    client.send(fe.query('ROLLBACK'));
    const back = await client.readUntil('Z');
    expect(tag(back[0])).toBe('ROLLBACK');
    expect(back.pop()?.body.toString()).toBe('I');
  });

  it('handles SET and SHOW itself and reports application_name changes', async () => {
    client.send(fe.query(`SET application_name = 'grafana'; SET statement_timeout = '2s'; SHOW statement_timeout`));
    const ms = await client.readUntil('Z');
    expect(types(ms)).toBe('SCCTDCZ');
    expect(ms[0].body.toString('utf8').split('\0').slice(0, 2)).toEqual(['application_name', 'grafana']);
    expect(dataRow(ms[4])).toEqual(['2000']);
  });

  it('answers an unknown message type with 08P01 and COPY data with 0A000, then carries on after Sync', async () => {
    const raw = (type: string, body: Buffer) => {
      const header = Buffer.alloc(5);
      header.write(type, 0, 'latin1');
      header.writeInt32BE(body.length + 4, 1);
      return Buffer.concat([header, body]);
    };
    client.send(raw('y', Buffer.from('junk')), fe.sync());
    const unknown = await client.readUntil('Z');
    expect(types(unknown)).toBe('EZ');
    expect(errorFields(unknown[0])['C']).toBe('08P01');
    client.send(raw('d', Buffer.from('1\t2\n')), fe.sync());
    const copy = await client.readUntil('Z');
    expect(errorFields(copy[0])['C']).toBe('0A000');
    client.send(fe.query('SELECT 1'));
    expect(types(await client.readUntil('Z'))).toBe('TDCZ');
  });

  it('maps unknown columns to 42703 and refused writes to 25006', async () => {
    client.send(fe.query('SELECT nope FROM candles_daily'));
    expect(errorFields((await client.readUntil('Z'))[0])['C']).toBe('42703');
    client.send(fe.query(`INSERT INTO candles_daily (symbol) VALUES ('X')`));
    expect(errorFields((await client.readUntil('Z'))[0])['C']).toBe('25006');
  });
});
