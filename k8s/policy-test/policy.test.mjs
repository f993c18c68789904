// Policy over the rendered overlays: the rules of issue 5 and docs/DEPLOYMENT.md, checked
// offline. Run: node --test k8s/policy-test/policy.test.mjs (bin/check-ops does).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  REPO_ROOT, allContainers, cpu, find, id, isCidr, keyIndex, matches, memory, ofKind,
  overlayNames, parseManifests, podTemplates, references, renderOverlay, resolvePort,
} from './lib/manifests.mjs';

const MANAGEMENT_PORT = 9090;
const SERVICES = ['api-gateway', 'knowledge-api', 'collab-websocket', 'search-indexer', 'sync-service', 'keep-extractor', 'notion-writer'];
const SECRETS = ['db-credentials', 'encryption-key', 'app-secrets', 'google-oauth', 'notion-api'];
const MIGRATIONS = { 'knowledge-api-migrate': 'knowledge-api', 'sync-service-migrate': 'sync-service' };
// The web app (web/, Next.js) is a node server, not a Quarkus service: no management port, no
// /q/metrics; its one health endpoint is /healthz on its HTTP port. Issue 17 gives its sizes.
const WEB = 'frontend';
const WEB_HEALTH = '/healthz';
const WEB_PRODUCTION = { replicas: 3, min: 3, max: 50, cpu: 70, mem: 80 };

// Production sizes and autoscaling, exactly as issue 5 gives them (search-indexer: measured).
const STD = { min: 2, max: 10, cpu: 70, mem: 80, req: ['500m', '512Mi'], lim: ['2000m', '2Gi'] };
const PRODUCTION = {
  'knowledge-api': { replicas: 3, min: 3, max: 30, cpu: 70, mem: 80, req: ['500m', '1Gi'], lim: ['2000m', '2Gi'] },
  'collab-websocket': { replicas: 2, min: 2, max: 20, cpu: 60, mem: 70, req: ['250m', '512Mi'], lim: ['1000m', '1Gi'] },
  'search-indexer': { replicas: 2, min: 2, max: 6, cpu: 70, mem: 80, req: ['250m', '512Mi'], lim: ['1000m', '1Gi'] },
  'api-gateway': { replicas: 3, ...STD },
  'sync-service': { replicas: 3, ...STD },
  'keep-extractor': { replicas: 2, ...STD },
  'notion-writer': { replicas: 2, ...STD },
};

// Alerts the guides ask for, with the threshold each expression must carry.
const REQUIRED_ALERTS = {
  KnHighCpu: />\s*0\.80?\b/,
  KnHighMemory: />\s*0\.90?\b/,
  KnPodRestarting: /\[15m\]\)\s*>\s*3\b/,
  KnHighErrorRate: />\s*0\.05\b/,
  KnHighLatencyP95: /histogram_quantile\(0\.95[\s\S]*>\s*1\b/,
  KnDatabaseConnectionsExhausted: /agroal_awaiting_count/,
  KnDiskSpaceLow: /<\s*0\.10?\b/,
};

const runbook = existsSync(path.join(REPO_ROOT, 'docs/RUNBOOK.md'))
  ? readFileSync(path.join(REPO_ROOT, 'docs/RUNBOOK.md'), 'utf8') : '';
// GitHub-style anchors of the runbook's headings.
const runbookAnchors = new Set(
  [...runbook.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')),
);

for (const overlay of overlayNames()) {
  describe(`overlay ${overlay}`, () => {
    let docs = [];
    test('renders with kubectl kustomize and parses', () => {
      docs = parseManifests(renderOverlay(overlay));
      assert.ok(docs.length > 0, 'empty render');
      for (const d of docs) assert.ok(d.apiVersion && d.kind && d.metadata?.name, `incomplete object ${JSON.stringify(d).slice(0, 80)}`);
      const seen = new Set();
      for (const d of docs) {
        const key = `${d.apiVersion} ${id(d)}`;
        assert.ok(!seen.has(key), `duplicate ${key}`);
        seen.add(key);
      }
    });

    test('every service has its Deployment, Service, ServiceAccount, HPA, PDB, ConfigMap, ServiceMonitor and NetworkPolicy', () => {
      for (const s of SERVICES) {
        for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceMonitor', 'NetworkPolicy']) {
          assert.ok(find(docs, kind, s), `${kind}/${s} missing`);
        }
        assert.ok(find(docs, 'ConfigMap', `${s}-config`), `ConfigMap/${s}-config missing`);
      }
      assert.equal(find(docs, 'Deployment', 'emulators'), undefined, 'emulators is a dev/test app and must not be deployed');
    });

    test('ConfigMaps carry the settings the deployment guide names', () => {
      for (const s of SERVICES) {
        const data = find(docs, 'ConfigMap', `${s}-config`).data ?? {};
        for (const k of ['LOG_LEVEL', 'ENABLE_METRICS', 'METRICS_PORT', 'JAVA_OPTS']) assert.ok(k in data, `${s}-config lacks ${k}`);
        assert.equal(data.METRICS_PORT, String(MANAGEMENT_PORT), `${s}: METRICS_PORT`);
        assert.match(data.JAVA_OPTS, /-XX:MaxRAMPercentage=\d+/, `${s}: JVM heap must follow the container limit`);
      }
      for (const s of ['sync-service', 'notion-writer']) {
        const data = find(docs, 'ConfigMap', `${s}-config`).data;
        assert.equal(data.NOTION_RATE_LIMIT_REQUESTS, '3', `${s}: NOTION_RATE_LIMIT_REQUESTS`);
        assert.equal(data.NOTION_RATE_LIMIT_PERIOD, '1', `${s}: NOTION_RATE_LIMIT_PERIOD`);
        assert.equal(data.MAX_RETRIES, '5', `${s}: MAX_RETRIES`);
        assert.equal(data.RETRY_BACKOFF_FACTOR, '2', `${s}: RETRY_BACKOFF_FACTOR`);
      }
    });

    test('every Deployment provides each setting its service requires in production (%prod.kn.required.*)', () => {
      // A missing one would stop the pod at start (common: RequiredSettings), so catch it here instead.
      const secretKeys = (name) => {
        const es = docs.find((d) => d.kind === 'ExternalSecret' && (d.spec?.target?.name ?? d.metadata.name) === name);
        return (es?.spec?.data ?? []).map((entry) => entry.secretKey);
      };
      for (const s of SERVICES) {
        const props = readFileSync(path.join(REPO_ROOT, s, 'src/main/resources/application.properties'), 'utf8');
        const required = [...props.matchAll(/^%prod\.kn\.required\.([A-Z0-9_]+)=/gm)].map((m) => m[1]);
        const container = find(docs, 'Deployment', s).spec.template.spec.containers[0];
        const provided = new Set((container.env ?? []).map((e) => e.name));
        for (const from of container.envFrom ?? []) {
          if (from.configMapRef) Object.keys(find(docs, 'ConfigMap', from.configMapRef.name)?.data ?? {}).forEach((k) => provided.add(k));
          if (from.secretRef) secretKeys(from.secretRef.name).forEach((k) => provided.add(k));
        }
        for (const name of required) assert.ok(provided.has(name), `Deployment/${s} does not set ${name}, which ${s} requires`);
      }
    });

    test('pods run as non-root with a read-only root filesystem, no capabilities and RuntimeDefault seccomp', () => {
      for (const { owner, spec } of podTemplates(docs)) {
        const podSc = spec.securityContext ?? {};
        assert.equal(podSc.seccompProfile?.type, 'RuntimeDefault', `${id(owner)}: pod seccompProfile`);
        for (const c of allContainers(spec)) {
          const sc = c.securityContext ?? {};
          const where = `${id(owner)} container ${c.name}`;
          assert.ok(sc.runAsNonRoot === true || (podSc.runAsNonRoot === true && sc.runAsNonRoot !== false), `${where}: runAsNonRoot`);
          assert.ok((sc.runAsUser ?? podSc.runAsUser) !== 0, `${where}: runs as uid 0`);
          assert.equal(sc.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
          assert.equal(sc.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
          assert.equal(sc.privileged ?? false, false, `${where}: privileged`);
          assert.ok((sc.capabilities?.drop ?? []).includes('ALL'), `${where}: capabilities.drop ALL`);
          assert.deepEqual(sc.capabilities?.add ?? [], [], `${where}: adds capabilities`);
          const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
          assert.ok(tmp, `${where}: no writable /tmp`);
          assert.ok((spec.volumes ?? []).find((v) => v.name === tmp.name)?.emptyDir, `${where}: /tmp must be an emptyDir`);
        }
      }
    });

    test('every container has CPU and memory requests and limits, requests within limits', () => {
      for (const { owner, spec } of podTemplates(docs)) {
        for (const c of allContainers(spec)) {
          const { requests = {}, limits = {} } = c.resources ?? {};
          const where = `${id(owner)} container ${c.name}`;
          for (const r of ['cpu', 'memory']) {
            assert.ok(requests[r] !== undefined, `${where}: requests.${r}`);
            assert.ok(limits[r] !== undefined, `${where}: limits.${r}`);
          }
          assert.ok(cpu(requests.cpu) <= cpu(limits.cpu), `${where}: cpu request above limit`);
          assert.ok(memory(requests.memory) <= memory(limits.memory), `${where}: memory request above limit`);
          assert.ok(!Number.isNaN(memory(limits.memory)), `${where}: memory limit ${limits.memory}`);
        }
      }
    });

    test('images are pinned: a tag or digest, never latest, from the project registry path', () => {
      for (const { owner, spec } of podTemplates(docs)) {
        for (const c of allContainers(spec)) {
          const image = c.image ?? '';
          const where = `${id(owner)} container ${c.name}: ${image}`;
          const digest = image.includes('@sha256:');
          const lastSegment = image.split('/').pop();
          const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : '';
          assert.ok(digest || tag, `${where}: untagged image`);
          assert.notEqual(tag, 'latest', `${where}: latest tag`);
          assert.doesNotMatch(image, /^ECR_REGISTRY\//, `${where}: registry placeholder was not replaced`);
          assert.match(image, /\/knowledge-network\/[a-z-]+[:@]/, `${where}: not a knowledge-network image`);
        }
      }
    });

    test('Deployments probe the management port and spread across zones', () => {
      for (const d of ofKind(docs, 'Deployment')) {
        const spec = d.spec.template.spec;
        const web = d.metadata.name === WEB;
        for (const c of spec.containers) {
          const where = `${id(d)} container ${c.name}`;
          const paths = web
            ? [['livenessProbe', /^\/healthz$/], ['readinessProbe', /^\/healthz$/], ['startupProbe', /^\/healthz$/]]
            : [['livenessProbe', /^\/q\/health\/live$/], ['readinessProbe', /^\/q\/health\/ready$/], ['startupProbe', /^\/q\/health\/(live|started)$/]];
          const probePort = web ? 8080 : MANAGEMENT_PORT;
          for (const [probe, pathRe] of paths) {
            const p = c[probe];
            assert.ok(p?.httpGet, `${where}: ${probe} missing`);
            assert.match(p.httpGet.path, pathRe, `${where}: ${probe} path`);
            assert.equal(resolvePort(c, p.httpGet.port), probePort, `${where}: ${probe} must use port ${probePort}`);
          }
          assert.ok((c.ports ?? []).some((p) => p.containerPort === 8080), `${where}: no HTTP port 8080`);
        }
        const zone = (spec.topologySpreadConstraints ?? []).find((t) => t.topologyKey === 'topology.kubernetes.io/zone');
        assert.ok(zone, `${id(d)}: no zone topologySpreadConstraint`);
        assert.ok(matches(zone.labelSelector?.matchLabels, d.spec.template.metadata.labels), `${id(d)}: zone spread selector does not select its own pods`);
        assert.ok(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels), `${id(d)}: selector does not match its template`);
      }
    });

    test('ServiceAccounts carry an IRSA role and Deployments use their own', () => {
      for (const d of [...ofKind(docs, 'Deployment'), ...ofKind(docs, 'Job')]) {
        const spec = d.spec.template.spec;
        const sa = find(docs, 'ServiceAccount', spec.serviceAccountName);
        assert.ok(sa, `${id(d)}: ServiceAccount ${spec.serviceAccountName} not rendered`);
        assert.match(sa.metadata.annotations?.['eks.amazonaws.com/role-arn'] ?? '',
          new RegExp(`^arn:aws:iam::(\\d{12}|CHANGE_ME):role/kn-${overlay}-[a-z-]+$`), `${id(sa)}: IRSA role-arn`);
      }
      for (const s of SERVICES) assert.equal(find(docs, 'Deployment', s).spec.template.spec.serviceAccountName, s, `${s}: shares a ServiceAccount`);
    });

    test('HPAs target existing Deployments on CPU and memory within sane bounds', () => {
      for (const h of ofKind(docs, 'HorizontalPodAutoscaler')) {
        assert.equal(h.apiVersion, 'autoscaling/v2', `${id(h)}: apiVersion`);
        assert.ok(find(docs, h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name), `${id(h)}: target missing`);
        assert.ok(h.spec.minReplicas >= 2, `${id(h)}: minReplicas below 2 leaves no redundancy`);
        assert.ok(h.spec.minReplicas <= h.spec.maxReplicas, `${id(h)}: min above max`);
        const kinds = (h.spec.metrics ?? []).map((m) => m.resource?.name).sort();
        assert.deepEqual(kinds, ['cpu', 'memory'], `${id(h)}: metrics`);
      }
    });

    if (overlay === 'production') {
      test('production sizes, replicas and autoscaling are exactly the guide\'s', () => {
        for (const [s, want] of Object.entries(PRODUCTION)) {
          const d = find(docs, 'Deployment', s);
          const h = find(docs, 'HorizontalPodAutoscaler', s);
          const res = d.spec.template.spec.containers[0].resources;
          assert.equal(d.spec.replicas, want.replicas, `${s}: replicas`);
          assert.equal(h.spec.minReplicas, want.min, `${s}: HPA minReplicas`);
          assert.equal(h.spec.maxReplicas, want.max, `${s}: HPA maxReplicas`);
          const target = (name) => h.spec.metrics.find((m) => m.resource?.name === name)?.resource.target;
          assert.deepEqual(target('cpu'), { type: 'Utilization', averageUtilization: want.cpu }, `${s}: CPU target`);
          assert.deepEqual(target('memory'), { type: 'Utilization', averageUtilization: want.mem }, `${s}: memory target`);
          assert.equal(cpu(res.requests.cpu), cpu(want.req[0]), `${s}: cpu request`);
          assert.equal(memory(res.requests.memory), memory(want.req[1]), `${s}: memory request`);
          assert.equal(cpu(res.limits.cpu), cpu(want.lim[0]), `${s}: cpu limit`);
          assert.equal(memory(res.limits.memory), memory(want.lim[1]), `${s}: memory limit`);
        }
      });
    }

    test('every referenced Secret and ConfigMap key exists in the render or is an ExternalSecret target', () => {
      const { secrets, configMaps } = keyIndex(docs);
      const problems = [];
      for (const { owner, spec } of podTemplates(docs)) {
        for (const r of references(spec)) {
          if (r.optional) continue;
          const keys = (r.kind === 'Secret' ? secrets : configMaps).get(r.name);
          if (!keys) problems.push(`${id(owner)} ${r.where}: ${r.kind} ${r.name} does not exist`);
          else if (r.key !== null && !keys.has(r.key) && !keys.has('*')) problems.push(`${id(owner)} ${r.where}: ${r.kind} ${r.name} has no key ${r.key}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    test('the five application secrets come from AWS Secrets Manager through External Secrets', () => {
      const store = find(docs, 'SecretStore', 'aws-secrets-manager');
      assert.ok(store, 'SecretStore aws-secrets-manager missing');
      assert.match(store.spec.provider.aws.region, /^[a-z]{2}(-[a-z]+)+-\d$/, 'SecretStore region placeholder not replaced');
      for (const name of SECRETS) {
        const es = find(docs, 'ExternalSecret', name);
        assert.ok(es, `ExternalSecret ${name} missing`);
        assert.equal(es.apiVersion, 'external-secrets.io/v1beta1', `${name}: apiVersion`);
        assert.equal(es.spec.secretStoreRef.name, 'aws-secrets-manager', `${name}: store`);
      }
      assert.equal(ofKind(docs, 'Secret').length, 0, 'no Secret may be rendered from git');
    });

    test('Services, ServiceMonitors and the Ingress point at ports that exist', () => {
      for (const svc of ofKind(docs, 'Service')) {
        const d = ofKind(docs, 'Deployment').find((x) => matches(svc.spec.selector, x.spec.template.metadata.labels));
        assert.ok(d, `${id(svc)}: selects no Deployment`);
        for (const p of svc.spec.ports) {
          assert.ok(resolvePort(d.spec.template.spec.containers[0], p.targetPort ?? p.port) !== undefined, `${id(svc)}: targetPort ${p.targetPort}`);
        }
        if (svc.metadata.name === WEB) continue; // a node server: health on its HTTP port, no metrics port
        assert.ok(svc.spec.ports.some((p) => p.name === 'management' && p.port === MANAGEMENT_PORT), `${id(svc)}: no management port`);
      }
      for (const sm of ofKind(docs, 'ServiceMonitor')) {
        const svc = ofKind(docs, 'Service').find((s) => matches(sm.spec.selector.matchLabels, s.metadata.labels));
        assert.ok(svc, `${id(sm)}: selects no Service`);
        for (const ep of sm.spec.endpoints) {
          assert.ok(svc.spec.ports.some((p) => p.name === ep.port), `${id(sm)}: port ${ep.port}`);
          assert.equal(ep.path, '/q/metrics', `${id(sm)}: path`);
        }
      }
      const ingresses = ofKind(docs, 'Ingress');
      assert.equal(ingresses.length, 1, 'exactly one Ingress');
      const ing = ingresses[0];
      const a = ing.metadata.annotations ?? {};
      assert.equal(ing.spec.ingressClassName, 'alb');
      assert.match(a['alb.ingress.kubernetes.io/certificate-arn'] ?? '', /^arn:aws:acm:/, 'ACM certificate');
      assert.equal(a['alb.ingress.kubernetes.io/ssl-redirect'], '443', 'HTTP must redirect to HTTPS');
      assert.match(a['alb.ingress.kubernetes.io/listen-ports'] ?? '', /"HTTPS":\s*443/);
      for (const rule of ing.spec.rules) {
        assert.match(rule.host, /^[a-z0-9.-]+\.[a-z]{2,}$/, `Ingress host ${rule.host}`);
        for (const p of rule.http.paths) {
          if (p.backend.service.port.name === 'use-annotation') {
            // An action the ALB performs itself (fixed response, redirect), named by an annotation.
            const action = a[`alb.ingress.kubernetes.io/actions.${p.backend.service.name}`];
            assert.ok(action, `Ingress path ${p.path}: no actions.${p.backend.service.name} annotation`);
            assert.match(JSON.parse(action).type, /^(fixed-response|redirect)$/, `Ingress path ${p.path}: action type`);
            continue;
          }
          const svc = find(docs, 'Service', p.backend.service.name);
          assert.ok(svc, `Ingress backend ${p.backend.service.name}`);
          assert.ok(svc.spec.ports.some((x) => x.name === p.backend.service.port.name || x.port === p.backend.service.port.number), `Ingress port of ${svc.metadata.name}`);
        }
      }
    });

    test('NetworkPolicies deny by default, allow DNS, and use real CIDRs', () => {
      const nps = ofKind(docs, 'NetworkPolicy');
      const deny = nps.find((n) => Object.keys(n.spec.podSelector ?? {}).length === 0 && !n.spec.ingress && !n.spec.egress);
      assert.ok(deny, 'no default-deny policy');
      assert.deepEqual([...deny.spec.policyTypes].sort(), ['Egress', 'Ingress']);
      const dns = nps.some((n) => (n.spec.egress ?? []).some((e) => (e.ports ?? []).some((p) => p.port === 53 && p.protocol === 'UDP')));
      assert.ok(dns, 'no DNS egress');
      for (const n of nps) {
        const blocks = [...(n.spec.ingress ?? []).flatMap((r) => r.from ?? []), ...(n.spec.egress ?? []).flatMap((r) => r.to ?? [])]
          .filter((p) => p.ipBlock).map((p) => p.ipBlock.cidr);
        for (const c of blocks) assert.ok(isCidr(c), `${id(n)}: ipBlock ${c} is not a CIDR (placeholder left?)`);
      }
      for (const s of SERVICES) {
        const pods = find(docs, 'Deployment', s).spec.template.metadata.labels;
        const own = nps.filter((n) => Object.keys(n.spec.podSelector?.matchLabels ?? {}).length && matches(n.spec.podSelector.matchLabels, pods));
        assert.ok(own.some((n) => n.spec.ingress?.length), `${s}: no ingress allow`);
        assert.ok(own.some((n) => n.spec.egress?.length), `${s}: no egress allow`);
      }
    });

    test('the web app: Deployment, Service on 8080, ServiceAccount, ConfigMap, HPA 3–50 (production), PDB and a NetworkPolicy open to the gateway only', () => {
      for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']) {
        assert.ok(find(docs, kind, WEB), `${kind}/${WEB} missing`);
      }
      assert.ok(find(docs, 'ConfigMap', `${WEB}-config`), `ConfigMap/${WEB}-config missing`);
      const d = find(docs, 'Deployment', WEB);
      const c = d.spec.template.spec.containers[0];
      const env = Object.fromEntries((c.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
      // The container runtime sets HOSTNAME to the pod name, and Next's server listens only there.
      assert.equal(env.HOSTNAME, '0.0.0.0', `${WEB}: HOSTNAME must be 0.0.0.0 so the server listens on every address`);
      assert.equal(env.PORT, '8080', `${WEB}: PORT`);
      assert.equal(d.spec.template.spec.serviceAccountName, WEB, `${WEB}: shares a ServiceAccount`);
      const svc = find(docs, 'Service', WEB);
      assert.deepEqual(svc.spec.ports.map((p) => [p.name, p.port]), [['http', 8080]], `${WEB}: the gateway's FRONTEND_URL is http://${WEB}:8080`);
      // Next writes its caches under .next/cache; with a read-only root that must be a volume.
      assert.ok((c.volumeMounts ?? []).some((m) => m.mountPath === '/app/.next/cache'), `${WEB}: .next/cache must be writable`);
      const h = find(docs, 'HorizontalPodAutoscaler', WEB);
      const target = (name) => h.spec.metrics.find((m) => m.resource?.name === name)?.resource.target;
      assert.deepEqual(target('cpu'), { type: 'Utilization', averageUtilization: WEB_PRODUCTION.cpu }, `${WEB}: CPU target`);
      assert.deepEqual(target('memory'), { type: 'Utilization', averageUtilization: WEB_PRODUCTION.mem }, `${WEB}: memory target`);
      if (overlay === 'production') {
        assert.equal(d.spec.replicas, WEB_PRODUCTION.replicas, `${WEB}: replicas`);
        assert.equal(h.spec.minReplicas, WEB_PRODUCTION.min, `${WEB}: HPA minReplicas`);
        assert.equal(h.spec.maxReplicas, WEB_PRODUCTION.max, `${WEB}: HPA maxReplicas`);
      }
      // Only the gateway sends it requests; nothing from outside the cluster.
      const np = find(docs, 'NetworkPolicy', WEB);
      const from = np.spec.ingress.flatMap((r) => r.from ?? []);
      assert.ok(from.length > 0, `${WEB}: an ingress rule without "from" admits everyone`);
      for (const f of from) {
        assert.deepEqual(f.podSelector?.matchLabels, { 'app.kubernetes.io/name': 'api-gateway' }, `${WEB}: admits ${JSON.stringify(f)}, only api-gateway may call it`);
        assert.equal(f.namespaceSelector, undefined, `${WEB}: admits pods of other namespaces`);
      }
    });

    test('the browser reaches the web app on the gateway\'s origin: the API host\'s catch-all goes to api-gateway, which may reach the frontend', () => {
      const ing = ofKind(docs, 'Ingress')[0];
      const backends = ing.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name));
      assert.ok(!backends.includes(WEB), `the Ingress must not bypass the gateway to reach ${WEB}`);
      const api = ing.spec.rules[0];
      // The catch-all must not open the admin console on the API host: the ALB answers /admin there.
      const admin = api.http.paths.find((p) => p.path === '/admin');
      assert.ok(admin, 'the API host needs an /admin path ahead of its catch-all');
      assert.equal(admin.backend.service.port.name, 'use-annotation', 'the API host\'s /admin must be answered by the ALB');
      const action = JSON.parse(ing.metadata.annotations[`alb.ingress.kubernetes.io/actions.${admin.backend.service.name}`] ?? '{}');
      assert.equal(action.type, 'fixed-response', 'the API host\'s /admin: a fixed response');
      assert.equal(action.fixedResponseConfig?.statusCode, '404', 'the API host\'s /admin: 404');
      const last = api.http.paths[api.http.paths.length - 1];
      assert.equal(last.path, '/', 'the API host needs a last, catch-all path for the pages');
      assert.equal(last.pathType, 'Prefix');
      assert.equal(last.backend.service.name, 'api-gateway', 'the pages come through api-gateway');
      const web = find(docs, 'Deployment', WEB).spec.template.metadata.labels;
      const gatewayEgress = ofKind(docs, 'NetworkPolicy')
        .filter((n) => matches(n.spec.podSelector?.matchLabels, find(docs, 'Deployment', 'api-gateway').spec.template.metadata.labels))
        .flatMap((n) => n.spec.egress ?? []);
      assert.ok(gatewayEgress.some((r) => (r.to ?? []).some((t) => t.podSelector && matches(t.podSelector.matchLabels, web))
        && (r.ports ?? []).some((p) => p.port === 8080)), 'api-gateway has no egress to the frontend on 8080');
    });

    test('migration Jobs run Flyway with the service image before rollout', () => {
      for (const [job, svc] of Object.entries(MIGRATIONS)) {
        const j = find(docs, 'Job', job);
        assert.ok(j, `Job ${job} missing`);
        const c = j.spec.template.spec.containers[0];
        const env = Object.fromEntries((c.env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
        assert.equal(env.QUARKUS_FLYWAY_MIGRATE_AT_START, 'true', `${job}: QUARKUS_FLYWAY_MIGRATE_AT_START`);
        assert.match(`${env.JAVA_OPTS ?? ''} ${(c.args ?? []).join(' ')}`, /-Dkn\.migrate-only=true/, `${job}: must exit after migrating`);
        assert.equal(c.image, find(docs, 'Deployment', svc).spec.template.spec.containers[0].image, `${job}: image differs from ${svc}`);
        assert.equal(j.spec.template.spec.restartPolicy, 'Never', `${job}: restartPolicy`);
        assert.ok(j.spec.activeDeadlineSeconds > 0, `${job}: needs a deadline`);
      }
    });

    test('PrometheusRules hold the guide\'s alerts, each with a runbook section', () => {
      const rules = ofKind(docs, 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g) => g.rules)).filter((r) => r.alert);
      for (const [alert, threshold] of Object.entries(REQUIRED_ALERTS)) {
        const r = rules.find((x) => x.alert === alert);
        assert.ok(r, `alert ${alert} missing`);
        assert.match(r.expr, threshold, `${alert}: threshold`);
      }
      for (const r of rules) {
        const anchor = /^docs\/RUNBOOK\.md#([a-z0-9-]+)$/.exec(r.annotations?.runbook ?? '');
        assert.ok(anchor, `${r.alert}: runbook annotation`);
        assert.ok(runbookAnchors.has(anchor[1]), `${r.alert}: docs/RUNBOOK.md has no section #${anchor[1]}`);
        assert.ok(r.labels?.severity, `${r.alert}: severity`);
      }
    });

    test('Grafana dashboards: application, infrastructure and business KPIs', () => {
      const boards = ofKind(docs, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
      const names = boards.map((b) => b.metadata.name).sort();
      assert.deepEqual(names, ['grafana-dashboard-application', 'grafana-dashboard-business', 'grafana-dashboard-infrastructure']);
      for (const b of boards) {
        for (const [file, json] of Object.entries(b.data)) {
          const dash = JSON.parse(json);
          assert.ok(dash.uid && dash.title && dash.panels?.length, `${b.metadata.name}/${file}: not a dashboard`);
        }
      }
    });
  });
}
