import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCredentialsPath, lookupSecret, readCredentialsFile, upsertUser } from './credentials-file';

describe('gateway credentials file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-gw-cred-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores SCRAM secrets only, readable by the owner only, and replaces a user', () => {
    const file = path.join(dir, 'gateway', 'credentials.json');
    expect(upsertUser(file, 'grafana', 'hunter2-secret')).toBe(false);
    expect(upsertUser(file, 'psql_user', 'other')).toBe(false);
    const first = lookupSecret(file, 'grafana');
    expect(upsertUser(file, 'grafana', 'new password')).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('new password');
    expect(Object.keys(readCredentialsFile(file).users)).toEqual(['grafana', 'psql_user']);
    expect(lookupSecret(file, 'grafana')?.storedKey).not.toEqual(first?.storedKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(lookupSecret(file, 'nobody')).toBeNull();
  });

  it('refuses bad user names and empty passwords, and files that are not credentials', () => {
    const file = path.join(dir, 'c.json');
    expect(() => upsertUser(file, '1bad', 'x')).toThrow('user name "1bad" is invalid');
    expect(() => upsertUser(file, 'ok', '')).toThrow('password is empty');
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, '{"users": []}');
    expect(() => readCredentialsFile(file)).toThrow('not a gateway credentials file');
  });

  it('defaults to {data dir}/gateway/credentials.json', () => {
    expect(defaultCredentialsPath({})).toBe(path.join('data', 'gateway', 'credentials.json'));
    expect(defaultCredentialsPath({ OPTIONS_HELPER_DATA_DIR: '/srv/oh' })).toBe('/srv/oh/gateway/credentials.json');
    expect(defaultCredentialsPath({ OPTIONS_HELPER_GATEWAY_CREDENTIALS: '/etc/oh/users.json' })).toBe('/etc/oh/users.json');
  });
});
