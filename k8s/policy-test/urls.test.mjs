// Every URL setting of the rendered manifests has the shape the service that reads it expects, names a
// Service that exists on a port it has, and is reachable through the caller's NetworkPolicies. A URL
// that is wrong only in production (https://api.notion.com where /v1 was needed, a JWKS path that
// knowledge-api does not serve, a Service port that does not exist) fails here instead of at the first
// real request. Run: node --test k8s/policy-test/urls.test.mjs (bin/check-ops does).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  REPO_ROOT, find, id, matches, ofKind, overlayNames, parseManifests, renderOverlay, resolvePort,
} from './lib/manifests.mjs';

// The module whose code reads a workload's settings.
const MIGRATIONS = { 'knowledge-api-migrate': 'knowledge-api', 'sync-service-migrate': 'sync-service' };
// The web app's Deployment is frontend; its code is web/.
const MODULES = { ...MIGRATIONS, frontend: 'web' };
const moduleOf = (workload) => MODULES[workload.metadata.name] ?? workload.metadata.name;

// Names that hold a URL (or a piece of one) and therefore need a rule below.
const URL_NAME = /(_URL|_URI|_ENDPOINT|_ISSUER)$/;

// knowledge-api's JWKS path, read from the resource that serves it.
const jwksResource = path.join(REPO_ROOT, 'knowledge-api/src/main/java/app/knowledgenetwork/knowledgeapi/auth/JwksResource.java');
const JWKS_PATH = /@Path\("([^"]+)"\)/.exec(readFileSync(jwksResource, 'utf8'))?.[1];

function properties(module) {
  const file = path.join(REPO_ROOT, module, 'src/main/resources/application.properties');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function javaSources(dir) {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.java'))
    .map((e) => readFileSync(path.join(e.parentPath ?? e.path, e.name), 'utf8'))
    .join('\n');
}

// The web app's own sources (TypeScript/JavaScript, not its dependencies or build output).
function webSources(dir) {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .filter((f) => !/[/\\](node_modules|\.next|out|coverage)[/\\]/.test(f))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

// Whether a module reads an environment variable: as ${NAME} in its properties or by name in its code
// (process.env.NAME in the web app's).
const readers = new Map();
function reads(module, name) {
  if (!readers.has(module)) {
    readers.set(module, module === 'web'
      ? webSources(path.join(REPO_ROOT, 'web'))
      : `${properties(module)}\n${javaSources(path.join(REPO_ROOT, module, 'src/main/java'))}`);
  }
  const text = readers.get(module);
  return new RegExp(`\\$\\{${name}[:}]`).test(text) || new RegExp(`"${name}"`).test(text)
    || new RegExp(`process\\.env\\.${name}\\b`).test(text);
}

// The database a module's datasource names in its %dev default (jdbc:postgresql://127.0.0.1:54329/<db>).
function devDatabase(module) {
  const m = /^%dev\.quarkus\.datasource\.jdbc\.url=\$\{DATABASE_URL:jdbc:postgresql:\/\/[^/]+\/([a-z_]+)\}/m.exec(properties(module));
  return m?.[1];
}

// The environment a container sees: literal values, ConfigMap keys, envFrom ConfigMaps, and $(VAR)
// references expanded as the kubelet does. Values from Secrets are unknown offline (null).
function containerEnv(docs, container) {
  const env = new Map();
  for (const from of container.envFrom ?? []) {
    const cm = from.configMapRef && find(docs, 'ConfigMap', from.configMapRef.name);
    for (const [k, v] of Object.entries(cm?.data ?? {})) env.set(k, { value: v, from: `ConfigMap ${cm.metadata.name}` });
    if (from.secretRef) env.set(`*secret:${from.secretRef.name}`, { value: null, from: `Secret ${from.secretRef.name}` });
  }
  for (const e of container.env ?? []) {
    if ('value' in e) {
      const value = String(e.value).replace(/\$\(([A-Z0-9_]+)\)/g, (all, name) => env.get(name)?.value ?? all);
      env.set(e.name, { value, from: 'env' });
    } else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      env.set(e.name, { value: find(docs, 'ConfigMap', ref.name)?.data?.[ref.key] ?? null, from: `ConfigMap ${ref.name} key ${ref.key}` });
    } else {
      env.set(e.name, { value: null, from: 'Secret' });
    }
  }
  return env;
}

function parseUrl(value) {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const port = (url) => Number(url.port || { 'http:': 80, 'https:': 443 }[url.protocol]);
const defaultPort = (url) => url.port === '' || Number(url.port) === { 'http:': 80, 'https:': 443 }[url.protocol];

// An in-cluster URL: http to a Service of the render on one of its ports. Returns [service, servicePort].
function inCluster(docs, url, problems, where) {
  const svc = find(docs, 'Service', url.hostname);
  if (!svc) {
    problems.push(`${where}: host ${url.hostname} is not a Service of this overlay`);
    return [];
  }
  if (url.protocol !== 'http:') problems.push(`${where}: in-cluster traffic is plain http (TLS ends at the ALB), not ${url.protocol}`);
  const sp = svc.spec.ports.find((p) => p.port === port(url));
  if (!sp) problems.push(`${where}: Service ${svc.metadata.name} has no port ${port(url)} (ports: ${svc.spec.ports.map((p) => p.port).join(', ')})`);
  return [svc, sp];
}

// Each rule checks one setting's value; `url` is the parsed value (null if it is not a URL).
const RULES = [
  {
    name: /^FRONTEND_URL$/,
    what: 'the web app: http://frontend:8080 (or frontend.<namespace>.svc), no path (the gateway forwards the path it got)',
    check(ctx) {
      const { url, problems, where, docs } = ctx;
      const [host, ...rest] = url.hostname.split('.');
      const namespace = docs.find((d) => d.kind === 'Deployment')?.metadata.namespace;
      if (host !== 'frontend') problems.push(`${where}: names ${host}, expected the Service frontend`);
      if (rest.length && !(rest[0] === namespace && rest[1] === 'svc' && (rest.length === 2 || rest.slice(2).join('.') === 'cluster.local'))) {
        problems.push(`${where}: ${url.hostname} is not frontend or frontend.${namespace}.svc`);
      }
      const local = new URL(url.href);
      local.hostname = host;
      const [, sp] = inCluster(docs, local, problems, where);
      if (sp && sp.name !== 'http') problems.push(`${where}: port ${sp.port} is the Service's ${sp.name} port, not http`);
      if (url.pathname !== '/' || url.search) problems.push(`${where}: base URL must have no path or query`);
      ctx.target = local;
    },
  },
  {
    name: /^FRONTEND_HEALTH_URL$/,
    what: "the web app's health: http://frontend:8080/healthz (a node server: no management port)",
    check(ctx) {
      const { url, problems, where, docs } = ctx;
      if (url.hostname.split('.')[0] !== 'frontend') problems.push(`${where}: names ${url.hostname}, expected the Service frontend`);
      const local = new URL(url.href);
      local.hostname = 'frontend';
      const [, sp] = inCluster(docs, local, problems, where);
      if (sp && sp.name !== 'http') problems.push(`${where}: the web app answers on its http port, not ${sp.name}`);
      if (url.pathname !== '/healthz') problems.push(`${where}: path ${url.pathname}, the web app's health is /healthz`);
      ctx.target = local;
    },
  },
  {
    name: /^KN_GRAPHQL_URL$/,
    what: "knowledge-api's GraphQL endpoint for the web app's server-side calls: http://knowledge-api:<http port>/graphql",
    check(ctx) {
      const { url, problems, where, docs } = ctx;
      if (url.hostname !== 'knowledge-api') problems.push(`${where}: GraphQL is knowledge-api's, not ${url.hostname}'s`);
      const [, sp] = inCluster(docs, url, problems, where);
      if (sp && sp.name !== 'http') problems.push(`${where}: GraphQL is served on the http port, not ${sp.name}`);
      if (url.pathname !== '/graphql') problems.push(`${where}: path ${url.pathname}, knowledge-api serves GraphQL at /graphql`);
      ctx.target = url;
    },
  },
  {
    name: /^(KNOWLEDGE_API|COLLAB|SEARCH_INDEXER|SYNC_SERVICE|KEEP_EXTRACTOR|NOTION_WRITER)_URL$/,
    what: 'base URL of a service: http://<service>:<its http port>, no path (callers append theirs)',
    check(ctx) {
      const { url, problems, where, docs, name } = ctx;
      const expected = name.replace(/_URL$/, '').toLowerCase().replace(/_/g, '-').replace(/^collab$/, 'collab-websocket');
      if (url.hostname !== expected) problems.push(`${where}: names ${url.hostname}, expected the Service ${expected}`);
      const [, sp] = inCluster(docs, url, problems, where);
      if (sp && sp.name !== 'http') problems.push(`${where}: port ${sp.port} is the Service's ${sp.name} port, not http`);
      if (url.pathname !== '/' || url.search) problems.push(`${where}: base URL must have no path or query`);
      ctx.target = url;
    },
  },
  {
    name: /^[A-Z_]+_HEALTH_URL$/,
    what: 'readiness of a service: http://<service>:<management port>/q/health/ready',
    check(ctx) {
      const { url, problems, where, docs } = ctx;
      const [, sp] = inCluster(docs, url, problems, where);
      if (sp && sp.name !== 'management') problems.push(`${where}: health is served on the management port, not ${sp.name}`);
      if (url.pathname !== '/q/health/ready') problems.push(`${where}: path must be /q/health/ready`);
      ctx.target = url;
    },
  },
  {
    name: /^JWT_JWKS_URL$/,
    what: `knowledge-api's JWKS: http://knowledge-api:<http port>${JWKS_PATH}`,
    check(ctx) {
      const { url, problems, where, docs } = ctx;
      if (url.hostname !== 'knowledge-api') problems.push(`${where}: the keys are knowledge-api's, not ${url.hostname}'s`);
      const [, sp] = inCluster(docs, url, problems, where);
      if (sp && sp.name !== 'http') problems.push(`${where}: JWKS is served on the http port, not ${sp.name}`);
      if (url.pathname !== JWKS_PATH) problems.push(`${where}: path ${url.pathname}, knowledge-api serves its keys at ${JWKS_PATH}`);
      ctx.target = url;
    },
  },
  {
    name: /^JWT_ISSUER$/,
    what: 'https://<the public API host the Ingress serves>, no path',
    check(ctx) {
      const { url, problems, where, docs } = ctx;
      if (url.protocol !== 'https:' || url.pathname !== '/' || !defaultPort(url)) problems.push(`${where}: must be https://<host> without port or path`);
      const hosts = ofKind(docs, 'Ingress').flatMap((i) => i.spec.rules.filter((r) => r.http.paths.some((p) => p.path === '/.well-known')).map((r) => r.host));
      if (!hosts.includes(url.hostname)) problems.push(`${where}: ${url.hostname} is not the Ingress host that serves /.well-known (${hosts.join(', ') || 'none'})`);
    },
  },
  {
    name: /^NOTION_API_URL$/,
    what: "Notion's API: https://api.notion.com with or without /v1 (notion-writer reads both as the /v1 base)",
    check({ url, problems, where }) {
      if (url.protocol !== 'https:' || url.hostname !== 'api.notion.com' || !defaultPort(url)) problems.push(`${where}: must be https://api.notion.com`);
      if (!/^\/(v1\/?)?$/.test(url.pathname)) problems.push(`${where}: path ${url.pathname}: only none or /v1`);
    },
  },
  {
    name: /^KEEP_API_URL$/,
    what: 'Google Keep API root: https://keep.googleapis.com without a path (keep-extractor appends /v1/notes)',
    check({ url, problems, where }) {
      if (url.protocol !== 'https:' || url.hostname !== 'keep.googleapis.com' || !defaultPort(url)) problems.push(`${where}: must be https://keep.googleapis.com`);
      if (url.pathname !== '/') problems.push(`${where}: path ${url.pathname}: the client appends /v1/notes itself`);
    },
  },
  {
    name: /^GOOGLE_TOKEN_URL$/,
    what: "Google's OAuth token endpoint: https://oauth2.googleapis.com/token",
    check({ url, problems, where }) {
      if (url.href !== 'https://oauth2.googleapis.com/token') problems.push(`${where}: must be https://oauth2.googleapis.com/token`);
    },
  },
  {
    name: /^OPENSEARCH_URL$/,
    what: 'the OpenSearch domain: https://<VPC endpoint>:443, no path',
    check(ctx) {
      const { url, problems, where } = ctx;
      if (url.protocol !== 'https:' || port(url) !== 443) problems.push(`${where}: the VPC domain answers https on 443`);
      if (!/\.es\.amazonaws\.com$/.test(url.hostname)) problems.push(`${where}: ${url.hostname} is not an Amazon OpenSearch endpoint`);
      if (url.pathname !== '/') problems.push(`${where}: must have no path`);
      ctx.target = url;
    },
  },
  {
    name: /^DATABASE_URL$/,
    what: "jdbc:postgresql://<Aurora writer>:5432/<the module's database>?sslmode=require",
    check(ctx) {
      const { value, problems, where, module } = ctx;
      const m = /^jdbc:postgresql:\/\/([A-Za-z0-9._-]+):(\d+)\/([a-z_]+)\?sslmode=(require|verify-full)$/.exec(value);
      if (!m) {
        problems.push(`${where}: ${value} is not jdbc:postgresql://<host>:<port>/<database>?sslmode=require`);
        return;
      }
      if (!/\.rds\.amazonaws\.com$/.test(m[1])) problems.push(`${where}: ${m[1]} is not an Aurora endpoint`);
      if (m[2] !== '5432') problems.push(`${where}: Aurora listens on 5432, not ${m[2]}`);
      const db = devDatabase(module);
      if (!db) problems.push(`${where}: ${module} names no %dev database to compare with`);
      else if (m[3] !== db) problems.push(`${where}: database ${m[3]}, but ${module} uses ${db}`);
      ctx.target = new URL(`tcp://${m[1]}:${m[2]}`);
    },
  },
];

// Pods selected by a Service, and the container port number a Service port leads to.
function backend(docs, svc, sp) {
  const d = ofKind(docs, 'Deployment').find((x) => matches(svc.spec.selector, x.spec.template.metadata.labels));
  if (!d) return null;
  return { labels: d.spec.template.metadata.labels, port: resolvePort(d.spec.template.spec.containers[0], sp.targetPort ?? sp.port) };
}

// Whether the NetworkPolicies let pods with `labels` open a TCP connection to `dest`:
// { labels, port } for pods of this namespace, { ip: true, port } for an address outside the cluster.
function egressAllowed(docs, labels, dest) {
  const policies = ofKind(docs, 'NetworkPolicy').filter((n) => (n.spec.policyTypes ?? []).includes('Egress') && matches(n.spec.podSelector?.matchLabels, labels));
  if (!policies.length) return true;
  return policies.some((n) => (n.spec.egress ?? []).some((rule) => {
    const portOk = !rule.ports?.length || rule.ports.some((p) => p.port === undefined || p.port === dest.port);
    const toOk = !rule.to?.length || rule.to.some((t) => (dest.ip ? Boolean(t.ipBlock) : Boolean(t.podSelector) && !t.namespaceSelector && matches(t.podSelector.matchLabels, dest.labels)));
    return portOk && toOk;
  }));
}

for (const overlay of overlayNames()) {
  describe(`overlay ${overlay}: URL settings`, () => {
    const docs = parseManifests(renderOverlay(overlay));
    const workloads = [...ofKind(docs, 'Deployment'), ...ofKind(docs, 'Job')];
    const settings = [];
    for (const w of workloads) {
      for (const c of w.spec.template.spec.containers) {
        for (const [name, { value, from }] of containerEnv(docs, c)) {
          if (URL_NAME.test(name)) settings.push({ workload: w, container: c, name, value, from, where: `${id(w)} ${name} (${from})` });
        }
      }
    }

    test('the manifests hold URL settings to check', () => {
      assert.ok(JWKS_PATH, `no @Path on ${jwksResource}`);
      assert.ok(settings.length >= 10, `only ${settings.length} URL settings found`);
    });

    test('every URL setting has a rule, is read by its service, and has the shape the service expects', () => {
      const problems = [];
      for (const s of settings) {
        const module = moduleOf(s.workload);
        if (s.value === null) continue; // from a Secret: its shape is the secret writer's business
        const rule = RULES.find((r) => r.name.test(s.name));
        if (!rule) {
          problems.push(`${s.where}: no shape rule for ${s.name} in k8s/policy-test/urls.test.mjs`);
          continue;
        }
        if (!reads(module, s.name)) problems.push(`${s.where}: ${module} never reads ${s.name} (a setting nobody reads only misleads)`);
        const ctx = { ...s, module, docs, url: parseUrl(s.value), problems };
        if (!ctx.url && s.name !== 'DATABASE_URL') {
          problems.push(`${s.where}: '${s.value}' is not a URL (${rule.what})`);
          continue;
        }
        const before = problems.length;
        rule.check(ctx);
        if (problems.length > before) problems.push(`  expected: ${rule.what}`);
        s.target = ctx.target;
      }
      assert.deepEqual(problems, []);
    });

    test("each service URL is open in the caller's NetworkPolicy, each data store on its port", () => {
      const problems = [];
      // A migration Job only reaches its database; the rest of the service's ConfigMap is unused there.
      for (const s of settings.filter((x) => x.target && (x.workload.kind !== 'Job' || x.name === 'DATABASE_URL'))) {
        const labels = s.workload.spec.template.metadata.labels;
        const svc = find(docs, 'Service', s.target.hostname);
        if (svc) {
          const sp = svc.spec.ports.find((p) => p.port === port(s.target));
          const to = sp && backend(docs, svc, sp);
          if (to && !egressAllowed(docs, labels, to)) problems.push(`${s.where}: no egress rule lets ${id(s.workload)} reach ${svc.metadata.name} on ${to.port}`);
        } else if (!egressAllowed(docs, labels, { ip: true, port: Number(s.target.port) || 443 })) {
          problems.push(`${s.where}: no egress rule lets ${id(s.workload)} reach ${s.target.hostname} on ${Number(s.target.port) || 443}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });
}
