import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

/**
 * No container engine or cluster runs in CI, so the shipped manifests are parsed and held to the essentials:
 * probes and resources on every container, no secret values, only variables the product reads, commands that
 * exist in the build, one image.
 */

type Doc = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};
type Container = {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
};

const DEPLOY = 'deploy';
const docs: Doc[] = readdirSync(DEPLOY)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as Doc;
    }),
  );

/** Every environment variable the product reads: the configuration module and the processes' own. */
function knownVariables(): Set<string> {
  const sources = [
    'libs/platform/src/config/config.ts',
    'apps/projector/src/main.ts',
    'apps/cli/src/main.ts',
    'apps/cli/src/commands.ts',
  ];
  const names = new Set<string>();
  for (const source of sources) {
    const text = readFileSync(source, 'utf8');
    for (const match of text.matchAll(
      /env\.([A-Z][A-Z0-9_]+)|env,\s*'([A-Z][A-Z0-9_]+)'|process\.env\.([A-Z][A-Z0-9_]+)/g,
    )) {
      names.add(match[1] ?? match[2] ?? match[3]!);
    }
  }
  names.add('NODE_ENV');
  return names;
}

const workloads = docs.filter((doc) => doc.kind === 'Deployment');
const containersOf = (doc: Doc): Container[] =>
  (doc.spec?.template as { spec: { containers: Container[] } }).spec.containers ?? [];
const allContainers = workloads.flatMap(containersOf);

/** `node dist/apps/x/src/main.js` must be the build of `apps/x/src/main.ts`. */
const sourceOf = (script: string): string => script.replace(/^dist\//, '').replace(/\.js$/, '.ts');

describe('Kubernetes manifests (deploy/)', () => {
  it('parse, and have the api and the projector with their disruption budgets, service, ingress and config', () => {
    const kinds = docs.map((doc) => `${doc.kind}/${doc.metadata?.name}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ConfigMap/backbone-config',
        'Deployment/backbone-api',
        'Deployment/backbone-projector',
        'Service/backbone-api',
        'Ingress/backbone',
        'PodDisruptionBudget/backbone-api',
        'PodDisruptionBudget/backbone-projector',
      ]),
    );
    for (const doc of docs)
      expect(doc.apiVersion).toMatch(
        /^(v1|apps\/v1|networking\.k8s\.io\/v1|policy\/v1|kustomize\.config\.k8s\.io\/v1beta1)$/,
      );
  });

  it('runs several api replicas and two projectors', () => {
    const replicas = Object.fromEntries(workloads.map((doc) => [doc.metadata!.name, doc.spec!.replicas]));
    expect(replicas['backbone-api']).toBeGreaterThanOrEqual(2);
    expect(replicas['backbone-projector']).toBe(2);
  });

  it('gives every container readiness and liveness probes on declared ports, resource requests and limits, no root', () => {
    for (const container of allContainers) {
      const ports = new Set((container.ports ?? []).flatMap((port) => [port.name, port.containerPort]));
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe?.httpGet?.path).toMatch(/^\/(api\/)?health\/(live|ready)$/);
        expect(ports.has(probe!.httpGet!.port)).toBe(true);
      }
      expect(container.resources?.requests).toEqual(
        expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
      );
      expect(container.resources?.limits).toEqual(
        expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
      );
      expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false });
    }
    for (const doc of workloads) {
      expect(
        (doc.spec!.template as { spec: { securityContext: unknown } }).spec.securityContext,
      ).toMatchObject({
        runAsNonRoot: true,
      });
    }
  });

  it('probes routes the product serves', () => {
    const api = containersOf(workloads.find((doc) => doc.metadata?.name === 'backbone-api')!)[0]!;
    expect(api.readinessProbe!.httpGet!.path).toBe('/api/health/ready');
    expect(api.livenessProbe!.httpGet!.path).toBe('/api/health/live');
    expect(readFileSync('apps/api/src/health/health.controller.ts', 'utf8')).toMatch(
      /@Get\('ready'\)[\s\S]*|@Get\('live'\)/,
    );
    expect(readFileSync('apps/projector/src/health-server.ts', 'utf8')).toContain("'/health/ready'");
  });

  it('holds no secret values: secrets are references to the Secret "backbone-secrets"', () => {
    expect(docs.some((doc) => doc.kind === 'Secret')).toBe(false);
    const secretNames = new Set([
      'DATABASE_URL',
      'JWT_SECRET',
      'PERSONAL_DATA_KEY',
      'METRICS_TOKEN',
      'EVENTSTORE_CONNECTION_STRING',
    ]);
    for (const container of allContainers) {
      for (const variable of container.env ?? []) {
        if (secretNames.has(variable.name)) {
          expect(variable.value).toBeUndefined();
          expect(variable.valueFrom?.secretKeyRef?.name).toBe('backbone-secrets');
        }
      }
    }
    const config = docs.find((doc) => doc.kind === 'ConfigMap')!;
    for (const name of Object.keys(config.data ?? {})) expect(secretNames.has(name)).toBe(false);
    // production refuses to start without these two (libs/platform config), and every process needs the same
    for (const container of allContainers) {
      const names = (container.env ?? []).map((variable) => variable.name);
      expect(names).toEqual(expect.arrayContaining(['JWT_SECRET', 'PERSONAL_DATA_KEY']));
    }
  });

  it('sets only variables the product reads', () => {
    const known = knownVariables();
    const config = docs.find((doc) => doc.kind === 'ConfigMap')!;
    const used = [
      ...Object.keys(config.data ?? {}),
      ...allContainers.flatMap((container) => (container.env ?? []).map((variable) => variable.name)),
    ];
    expect(used.filter((name) => !known.has(name))).toEqual([]);
  });

  it('runs commands that exist in the build, from one image', () => {
    for (const container of allContainers) {
      expect(container.command?.[0]).toBe('node');
      expect(existsSync(sourceOf(container.command![1]!))).toBe(true);
    }
    expect(new Set(allContainers.map((container) => container.image)).size).toBe(1);
  });
});

describe('docker/', () => {
  const dockerfile = readFileSync('docker/Dockerfile', 'utf8');

  it('builds in one stage and runs as a non-root user with a health check in another', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK[\s\S]*\/api\/health\/live/m);
  });

  it('starts the api from the build output', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    const command = JSON.parse(cmd![1]!) as string[];
    expect(command[0]).toBe('node');
    expect(existsSync(sourceOf(command[1]!))).toBe(true);
  });

  it('composes PostgreSQL, KurrentDB, Redis, two api replicas and a projector, wired by variables the product reads', () => {
    const compose = parse(readFileSync('docker/docker-compose.yml', 'utf8'), { merge: true }) as {
      services: Record<
        string,
        {
          image?: string;
          command?: string[];
          environment?: Record<string, string>;
          deploy?: { replicas?: number };
        }
      >;
    };
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'kurrentdb',
      'postgres',
      'projector',
      'redis',
    ]);
    expect(compose.services.api!.deploy?.replicas).toBe(2);
    expect(existsSync(sourceOf(compose.services.projector!.command![1]!))).toBe(true);
    const known = knownVariables();
    for (const name of ['api', 'projector']) {
      const environment = compose.services[name]!.environment!;
      expect(Object.keys(environment).filter((variable) => !known.has(variable))).toEqual([]);
      expect(environment).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379' });
      // production refuses to start without them (libs/platform config)
      expect(Object.keys(environment)).toEqual(expect.arrayContaining(['JWT_SECRET', 'PERSONAL_DATA_KEY']));
    }
  });
});
