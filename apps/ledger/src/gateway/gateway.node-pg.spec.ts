import { Client, type ClientConfig } from 'pg';
import { startGatewayServer, TEST_USER, type GatewayTestServer } from './testing/gateway-test-server';

jest.setTimeout(120_000);

// node-postgres (text parameters and results; binary results are checked byte by byte in gateway.protocol.spec.ts).
describe('Postgres gateway with node-postgres', () => {
  let server: GatewayTestServer;
  const clients: Client[] = [];

  async function connect(extra: Partial<ClientConfig> = {}): Promise<Client> {
    const c = new Client({ ...server.pg, ...extra });
    clients.push(c);
    await c.connect();
    return c;
  }

  beforeAll(async () => {
    server = await startGatewayServer();
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await server?.stop();
  });

  it('refuses a wrong password with SQLSTATE 28P01', async () => {
    const c = new Client({ ...server.pg, password: 'not it' });
    await expect(c.connect()).rejects.toMatchObject({ code: '28P01', message: `password authentication failed for user "${TEST_USER}"` });
  });

  const ROUND_TRIP_SQL = `SELECT $1::BOOLEAN AS b, $2::SMALLINT AS i2, $3::INTEGER AS i4, $4::BIGINT AS i8, $5::REAL AS f4,
    $6::DOUBLE AS f8, $7::DECIMAL(18,4) AS num, $8::VARCHAR AS txt, $9::BLOB AS bin, $10::DATE AS d, $11::TIME AS t,
    $12::TIMESTAMP AS ts, $13::TIMESTAMPTZ AS tstz, $14::INTERVAL AS iv, $15::UUID AS id, $16::JSON AS js, $17::INTEGER[] AS arr,
    $18::VARCHAR[] AS sarr`;
  const PARAMS = [
    true, -7, 2_147_483_647, '9007199254740993', 1.5, -0.1, '12345.6789', 'héllo, "world"', Buffer.from([0, 1, 254, 255]),
    '2024-02-29', '13:45:30.25', '2024-02-29 13:45:30.123456', new Date('2024-02-29T13:45:30.123Z'), '1 year 2 mons 3 days 04:05:06.5',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', JSON.stringify({ a: [1, 'x'] }), [1, null, 3], ['a b', 'c,d', null],
  ];

  it('round-trips every listed type through parameters (text results)', async () => {
    const c = await connect();
    const r = await c.query(ROUND_TRIP_SQL, PARAMS);
    const row = r.rows[0];
    expect(r.fields.map((f) => f.dataTypeID)).toEqual([16, 21, 23, 20, 700, 701, 1700, 25, 17, 1082, 1083, 1114, 1184, 1186, 2950, 114, 1007, 1009]);
    expect(row).toMatchObject({ b: true, i2: -7, i4: 2_147_483_647, i8: '9007199254740993', f4: 1.5, f8: -0.1, num: '12345.6789', txt: 'héllo, "world"' });
    expect(row.bin).toEqual(Buffer.from([0, 1, 254, 255]));
    // Dates and timestamps without zone are parsed by node-postgres in the process' local zone.
    expect(row.d.getFullYear()).toBe(2024);
    expect(row.d.getMonth()).toBe(1);
    expect(row.d.getDate()).toBe(29);
    expect(row.t).toBe('13:45:30.25');
    expect(row.tstz.toISOString()).toBe('2024-02-29T13:45:30.123Z');
    expect(row.iv).toMatchObject({ years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 500 });
    expect(row.id).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(row.js).toEqual({ a: [1, 'x'] });
    expect(row.arr).toEqual([1, null, 3]);
    expect(row.sarr).toEqual(['a b', 'c,d', null]);
  });

  it('runs one prepared statement 1,000 times', async () => {
    const c = await connect();
    let sum = 0;
    for (let i = 0; i < 1000; i++) {
      const r = await c.query({ name: 'square', text: 'SELECT x * x AS sq FROM range(2000) t(x) WHERE x = $1', values: [i] });
      sum += Number(r.rows[0].sq);
    }
    // Σ i² for i < 1000 = 999·1000·1999 / 6
    expect(sum).toBe(332_833_500);
  });

  it('answers queued queries in order when one of them fails', async () => {
    const c = await connect();
    const results = await Promise.allSettled([
      c.query('SELECT 1 AS n'),
      c.query({ text: 'SELECT $1::INTEGER AS n', values: [2] }),
      c.query('SELECT * FROM missing_table'),
      c.query({ text: 'SELECT $1::INTEGER + 1 AS n', values: [3] }),
      c.query('SELECT 5 AS n'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ rows: { n: number }[] }>).value.rows[0].n)).toEqual([1, 2, 4, 5]);
    expect((results[2] as PromiseRejectedResult).reason.code).toBe('42P01');
  });
});
