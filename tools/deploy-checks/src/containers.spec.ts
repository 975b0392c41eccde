import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './deploy-files';

// No Docker engine runs here: the compose file, the Dockerfile and the Kubernetes manifests are checked
// statically against the services the repository really has (bin/service.js) and the ports they use.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SERVICES } = require(path.join(REPO_ROOT, 'bin/service.js')) as { SERVICES: Record<string, string> };
const PORTS: Record<string, number> = { ledger: 7410, ingest: 7411, compute: 7412, checks: 7413, orchestrator: 7414 };
const read = (f: string) => readFileSync(path.join(REPO_ROOT, f), 'utf8');

interface ComposeService {
  command?: string[];
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

describe('service entry points', () => {
  it('name an existing main.ts per service, each with the documented default port', () => {
    expect(Object.keys(SERVICES).sort()).toEqual(Object.keys(PORTS).sort());
    for (const [name, entry] of Object.entries(SERVICES)) {
      expect(existsSync(path.join(REPO_ROOT, entry))).toBe(true);
      const envFile = readdirSync(path.join(REPO_ROOT, path.dirname(entry))).find((f) => f.endsWith('.env.ts')) as string;
      expect(read(path.join(path.dirname(entry), envFile))).toContain(`OPTIONS_HELPER_${name.toUpperCase()}_PORT = ${PORTS[name]}`);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
  const apps = Object.entries(compose.services).filter(([, s]) => s.command && SERVICES[s.command[0] as string]);

  it('runs every service of the repository from the one image, by command', () => {
    expect(apps.map(([name]) => name).sort()).toEqual(Object.keys(SERVICES).sort());
    for (const [name, s] of apps) {
      expect(s.command).toEqual([name]);
      expect(s.image).toBe('options-helper:local');
    }
  });

  it('binds each app on 0.0.0.0 inside its container, publishes only on loopback, and health-checks /health/ready', () => {
    for (const [name, s] of apps) {
      const upper = name.toUpperCase();
      expect(s.environment?.[`OPTIONS_HELPER_${upper}_HOST`]).toBe('0.0.0.0');
      expect(s.environment?.[`OPTIONS_HELPER_${upper}_PORT`]).toBe(String(PORTS[name]));
      expect(s.ports).toEqual([`127.0.0.1:${PORTS[name]}:${PORTS[name]}`]);
      expect(s.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${PORTS[name]}/health/ready`);
    }
  });

  it('is hardened: cap_drop ALL, no-new-privileges, health-gated start order', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect([name, s.cap_drop]).toEqual([name, ['ALL']]);
      expect([name, s.security_opt]).toEqual([name, ['no-new-privileges:true']]);
      for (const [dep, cond] of Object.entries(s.depends_on ?? {})) {
        expect([name, dep, cond.condition]).toEqual([name, dep, 'service_healthy']);
        expect(compose.services[dep]?.healthcheck).toBeDefined();
      }
    }
  });

  it('points the orchestrator at the job services it starts', () => {
    const env = compose.services['orchestrator']?.environment ?? {};
    expect([env['OPTIONS_HELPER_INGEST_URL'], env['OPTIONS_HELPER_COMPUTE_URL']]).toEqual(['http://ingest:7411', 'http://compute:7412']);
    expect(Object.keys(compose.services['orchestrator']?.depends_on ?? {}).sort()).toEqual(['compute', 'ingest', 'ledger']);
  });

  it('gives the DuckDB volume to the ledger only, and points the others at the ledger', () => {
    const mounting = Object.entries(compose.services).filter(([, s]) => (s.volumes ?? []).some((v) => v.startsWith('duckdb:')));
    expect(mounting.map(([n]) => n)).toEqual(['ledger']);
    for (const [name, s] of apps) if (name !== 'ledger') expect(s.environment?.['OPTIONS_HELPER_LEDGER_URL'] ?? compose.services['ledger']?.environment?.['OPTIONS_HELPER_LEDGER_URL']).toBe('http://ledger:7410');
  });

  it('passes docker-compose config (Debian docker-compose)', () => {
    const which = spawnSync('which', ['docker-compose']);
    if (which.status !== 0) throw new Error('docker-compose not found: install the Debian package `docker-compose` (apt-get install -y docker-compose)');
    const res = spawnSync('docker-compose', ['-f', path.join(REPO_ROOT, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', cwd: REPO_ROOT });
    expect({ status: res.status, stderr: res.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });
});

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  it('is multi-stage, runs as a non-root user, and starts a service by name', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER 10001:10001$/m);
    expect(text).toContain('ENTRYPOINT ["node", "bin/service.js"]');
    for (const dir of ['bin', 'libs', 'apps', 'migrations']) expect(text).toContain(`COPY ${dir} ./${dir}`);
    expect(text).toContain('npm ci --omit=dev');
  });
});

describe('deploy/k8s', () => {
  const docs = readdirSync(path.join(REPO_ROOT, 'deploy/k8s'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(read(`deploy/k8s/${f}`)).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> }));
  const workloads = docs.filter((d) => d.kind === 'StatefulSet' || d.kind === 'Deployment');

  it('runs the ledger as a single-replica StatefulSet with a persistent volume, the others as Deployments', () => {
    const ledger = workloads.find((w) => w.metadata.name === 'ledger');
    expect(ledger?.kind).toBe('StatefulSet');
    expect(ledger?.spec['replicas']).toBe(1);
    expect((ledger?.spec['volumeClaimTemplates'] as unknown[]).length).toBe(1);
    expect(workloads.map((w) => w.metadata.name).sort()).toEqual(Object.keys(SERVICES).sort());
    for (const w of workloads) if (w.metadata.name !== 'ledger') expect(w.kind).toBe('Deployment');
  });

  it('starts each container by its service name with probes on /health/* at the port it listens on, behind a Service', () => {
    for (const w of workloads) {
      const name = w.metadata.name;
      const container = ((w.spec['template'] as { spec: { containers: Record<string, unknown>[] } }).spec.containers)[0] as {
        args: string[]; env: { name: string; value: string }[]; ports: { containerPort: number }[];
        livenessProbe: { httpGet: { path: string; port: number } }; readinessProbe: { httpGet: { path: string; port: number } };
        securityContext: { allowPrivilegeEscalation: boolean };
      };
      expect(container.args).toEqual([name]);
      expect(container.ports[0]?.containerPort).toBe(PORTS[name]);
      expect(container.env).toEqual(expect.arrayContaining([{ name: `OPTIONS_HELPER_${name.toUpperCase()}_PORT`, value: String(PORTS[name]) }, { name: `OPTIONS_HELPER_${name.toUpperCase()}_HOST`, value: '0.0.0.0' }]));
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: PORTS[name] });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: PORTS[name] });
      expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
      const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === name);
      expect((service?.spec['ports'] as { port: number; targetPort: number }[])[0]).toMatchObject({ port: PORTS[name], targetPort: PORTS[name] });
    }
  });

  it('has a ConfigMap that points services at the ledger, the checks service and the job services', () => {
    const cm = docs.find((d) => d.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(cm.data['OPTIONS_HELPER_LEDGER_URL']).toBe('http://ledger:7410');
    expect(cm.data['OPTIONS_HELPER_CHECKS_URL']).toBe('http://checks:7413');
    expect(cm.data['OPTIONS_HELPER_INGEST_URL']).toBe('http://ingest:7411');
    expect(cm.data['OPTIONS_HELPER_COMPUTE_URL']).toBe('http://compute:7412');
    expect(cm.data['OPTIONS_HELPER_SCHEDULE_TZ']).toBe('America/New_York');
  });
});
