// The values terraform hands to the cluster (k8s/overlays/<env>/cluster-values.env, written by
// scripts/sync-cluster-values.sh) and what depends on them: every value has its shape, the attachments
// are encrypted with the bucket's own KMS key, and the Ingress serves the API and the admin console on
// their own hosts under one certificate. Run: node --test k8s/policy-test/cluster-values.test.mjs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { K8S_DIR, REPO_ROOT, find, id, ofKind, overlayNames, parseManifests, renderOverlay } from './lib/manifests.mjs';

const read = (file) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const PLACEHOLDER = 'CHANGE_ME';
const region = '[a-z]{2}(?:-[a-z]+)+-\\d';
const account = `(?:\\d{12}|${PLACEHOLDER})`;
const host = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+';
const withPlaceholders = (re) => new RegExp(`^${re}$`.replaceAll('<P>', `(?:[a-z0-9-]*${PLACEHOLDER}[a-z0-9-]*)`), 'i');

// The shape of each value; the committed files may still hold CHANGE_ME before the first apply.
export const SHAPES = {
  ENVIRONMENT: /^(staging|production)$/,
  AWS_ACCOUNT_ID: new RegExp(`^${account}$`),
  AWS_REGION: new RegExp(`^${region}$`),
  ECR_REGISTRY: new RegExp(`^${account}\\.dkr\\.ecr\\.${region}\\.amazonaws\\.com$`),
  API_HOSTNAME: new RegExp(`^${host}$`),
  ADMIN_HOSTNAME: new RegExp(`^${host}$`),
  ACM_CERTIFICATE_ARN: new RegExp(`^arn:aws:acm:${region}:${account}:certificate/(?:[0-9a-f-]{36}|${PLACEHOLDER})$`),
  PUBLIC_SUBNETS_CIDR: /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/,
  DATA_SUBNETS_CIDR: /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/,
  VPC_CIDR: /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/,
  DATABASE_HOST: withPlaceholders(`(?:[a-z0-9-]+|<P>)\\.cluster-(?:[a-z0-9]+|<P>)\\.${region}\\.rds\\.amazonaws\\.com`),
  OPENSEARCH_URL: withPlaceholders(`https://vpc-(?:[a-z0-9-]+|<P>)\\.${region}\\.es\\.amazonaws\\.com:443`),
  S3_BUCKET: new RegExp(`^(?:[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]|${PLACEHOLDER})$`),
  ATTACHMENTS_KMS_KEY_ARN: new RegExp(`^arn:aws:kms:${region}:${account}:key/(?:[0-9a-f-]{36}|mrk-[0-9a-f]{32}|${PLACEHOLDER})$`),
};

// Whether IPv4 block outer contains block inner ("10.20.0.0/16" contains "10.20.192.0/22").
function cidrContains(outer, inner) {
  const parse = (c) => {
    const [ip, bits] = c.split('/');
    return [ip.split('.').reduce((n, o) => n * 256 + Number(o), 0), Number(bits)];
  };
  const [o, ob] = parse(outer);
  const [i, ib] = parse(inner);
  const block = 2 ** (32 - ob);
  return ib >= ob && Math.floor(o / block) === Math.floor(i / block);
}

function clusterValues(overlay) {
  const file = path.join(K8S_DIR, 'overlays', overlay, 'cluster-values.env');
  if (!existsSync(file)) return null;
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

// The keys scripts/sync-cluster-values.sh writes (its `put KEY output` lines).
const written = [...read('scripts/sync-cluster-values.sh').matchAll(/^\s*put ([A-Z0-9_]+) [a-z0-9_]+/gm)].map((m) => m[1]);

for (const overlay of overlayNames()) {
  describe(`overlay ${overlay}: cluster values`, () => {
    const docs = parseManifests(renderOverlay(overlay));
    const values = clusterValues(overlay);

    test('cluster-values.env holds exactly what sync-cluster-values.sh writes, each value in its shape', () => {
      assert.ok(values, 'cluster-values.env missing');
      assert.deepEqual(Object.keys(values).sort(), [...written].sort(), 'keys differ from scripts/sync-cluster-values.sh');
      assert.deepEqual(Object.keys(SHAPES).sort(), [...written].sort(), 'a value without a shape here (or a shape without a value)');
      for (const [k, v] of Object.entries(values)) assert.match(v, SHAPES[k], `${k}=${v}`);
      assert.equal(values.ENVIRONMENT, overlay);
      assert.notEqual(values.API_HOSTNAME, values.ADMIN_HOSTNAME, 'API and admin hosts must differ');
    });

    test('attachments are encrypted with the bucket\'s KMS key, never SSE-S3', () => {
      const readers = ofKind(docs, 'Deployment').filter((d) => {
        const props = path.join(REPO_ROOT, d.metadata.name, 'src/main/resources/application.properties');
        return existsSync(props) && /\$\{ATTACHMENTS_SSE[:}]/.test(readFileSync(props, 'utf8'));
      });
      assert.ok(readers.length > 0, 'no service reads ATTACHMENTS_SSE');
      for (const d of readers) {
        const env = d.spec.template.spec.containers[0].env ?? [];
        const sse = env.find((e) => e.name === 'ATTACHMENTS_SSE');
        assert.equal(sse?.value, 'aws:kms', `${id(d)}: ATTACHMENTS_SSE must be aws:kms (the default AES256 overrides the bucket's SSE-KMS)`);
        const key = env.find((e) => e.name === 'ATTACHMENTS_KMS_KEY_ID')?.valueFrom?.configMapKeyRef;
        assert.deepEqual(key && { name: key.name, key: key.key }, { name: 'cluster-values', key: 'ATTACHMENTS_KMS_KEY_ARN' },
          `${id(d)}: ATTACHMENTS_KMS_KEY_ID must come from cluster-values ATTACHMENTS_KMS_KEY_ARN (without it aws:kms uses the account's aws/s3 key)`);
      }
      assert.match(read('terraform/platform/outputs.tf'), /output "attachments_kms_key_arn" \{[^}]*value\s*=\s*module\.s3\.kms_key_arn/, 'terraform output attachments_kms_key_arn must be the bucket\'s key');
      const s3 = read('terraform/modules/s3/main.tf');
      assert.match(s3, /sse_algorithm\s*=\s*"aws:kms"\s*\n\s*kms_master_key_id\s*=\s*var\.kms_key_arn/, 'bucket default must be SSE-KMS with var.kms_key_arn');
      assert.match(s3, /sid\s*=\s*"DenyOtherEncryption"/, 'bucket policy must refuse uploads with other encryption');
      assert.match(read('terraform/modules/s3/outputs.tf'), /output "kms_key_arn" \{[^}]*value\s*=\s*var\.kms_key_arn/);
    });

    test('knowledge-api believes the client addresses forwarded by the ALB and by the pods that sign users in for them', () => {
      // The web app's /session handlers and the admin console call knowledge-api from their pods with the browser's
      // address in X-Forwarded-For. Trusting only the ALB's subnets counted every such sign-in against the pod's own
      // address in the login throttle: one attacker's failures locked web sign-in for everyone behind that pod.
      // Pods take VPC addresses (VPC CNI), so the VPC is the trusted block.
      const d = find(docs, 'Deployment', 'knowledge-api');
      const env = d.spec.template.spec.containers[0].env ?? [];
      const ref = env.find((e) => e.name === 'TRUSTED_PROXY_CIDRS')?.valueFrom?.configMapKeyRef;
      assert.deepEqual(ref && { name: ref.name, key: ref.key }, { name: 'cluster-values', key: 'VPC_CIDR' },
        'knowledge-api: TRUSTED_PROXY_CIDRS must come from cluster-values VPC_CIDR');
      assert.ok(cidrContains(values.VPC_CIDR, values.PUBLIC_SUBNETS_CIDR),
        `VPC_CIDR ${values.VPC_CIDR} must contain the ALB's PUBLIC_SUBNETS_CIDR ${values.PUBLIC_SUBNETS_CIDR}`);
      assert.match(read('terraform/platform/outputs.tf'), /output "vpc_cidr" \{[^}]*value\s*=\s*module\.vpc\.vpc_cidr\b/,
        'terraform output vpc_cidr must be the VPC\'s');
    });

    test('the Ingress serves the API host and the admin host under one certificate that covers both', () => {
      const [ing] = ofKind(docs, 'Ingress');
      const rules = ing.spec.rules;
      assert.deepEqual(rules.map((r) => r.host), [values.API_HOSTNAME, values.ADMIN_HOSTNAME], 'hosts (rule 0 API, rule 1 admin)');
      const paths = (r) => Object.fromEntries(r.http.paths.map((p) => [p.path, p.backend.service.name]));
      const api = paths(rules[0]);
      const admin = paths(rules[1]);
      assert.deepEqual(api, { '/graphql': 'knowledge-api', '/.well-known': 'knowledge-api', '/collab': 'collab-websocket', '/api': 'api-gateway', '/admin': 'console-on-admin-host-only', '/': 'api-gateway' }, 'API host paths (the web app through the gateway at /, never the console)');
      assert.deepEqual(admin, { '/': 'api-gateway' }, 'admin host: everything to the gateway');
      assert.equal(ing.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn'], values.ACM_CERTIFICATE_ARN);
      assert.match(read('terraform/platform/main.tf'), /module "dns" \{[^}]*hostnames\s*=\s*\[var\.api_hostname, var\.admin_hostname\]/, 'terraform dns must get both hosts');
      assert.match(read('terraform/modules/dns/main.tf'), /subject_alternative_names\s*=\s*slice\(var\.hostnames, 1, length\(var\.hostnames\)\)/, 'the certificate must name the other hosts');
      assert.match(read('terraform/modules/dns/main.tf'), /resource "aws_route53_record" "host" \{\s*for_each\s*=\s*var\.alb_exists \? toset\(var\.hostnames\)/, 'every host needs its alias record');
      const issuer = ofKind(docs, 'Deployment').flatMap((d) => d.spec.template.spec.containers[0].env ?? []).filter((e) => e.name === 'JWT_ISSUER');
      assert.ok(issuer.length > 0 && issuer.every((e) => e.value === 'https://$(API_HOSTNAME)'), 'the issuer is the API host');
      assert.ok(find(docs, 'ConfigMap', 'cluster-values'));
    });
  });
}
