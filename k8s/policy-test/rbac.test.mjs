// The CI deploy role may do everything the deploy does, checked offline: every kind the overlays render
// (what scripts/deploy.sh applies) and every kubectl call of the scripts the CI runs is granted by the
// Role of k8s/cluster-admin, which is bound to the group the role's EKS access entry maps to. EKS access
// policies (AmazonEKSAdminPolicy) do not cover custom resources; before this Role, applying
// ExternalSecret, SecretStore, ServiceMonitor and PrometheusRule was refused at the first deploy.
// Run: node --test k8s/policy-test/rbac.test.mjs (bin/check-ops does).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { K8S_DIR, REPO_ROOT, overlayNames, parseManifests, renderOverlay } from './lib/manifests.mjs';

const NAMESPACE = 'knowledge-network';
const GROUP = 'kn-deployers';
const APPLY_VERBS = ['get', 'list', 'watch', 'create', 'patch', 'update'];
// The scripts the deploy workflow runs (.github/workflows/deploy-production.yml), and what they share.
const CI_SCRIPTS = ['deploy.sh', 'run-migrations.sh', 'rollback.sh', 'verify-data-integrity.sh', 'lib/common.sh'];

// What the kubectl calls of those scripts need beyond applying the render. A kubectl subcommand that is
// not in SUBCOMMANDS fails the test until its needs are written down here.
// (describe appears in messages that tell an operator where to look; it only reads.)
const SUBCOMMANDS = new Set(['apply', 'get', 'wait', 'rollout', 'port-forward', 'logs', 'delete', 'create', 'replace', 'kustomize', 'config', 'auth', 'describe']);
const NEEDS = [
  { group: '', resource: 'namespaces', verbs: ['get'], cluster: true, why: 'deploy.sh: kubectl get namespace' },
  { group: 'apps', resource: 'deployments', verbs: ['get', 'list', 'watch', 'patch'], why: 'live replica counts, rollout status and undo' },
  { group: 'apps', resource: 'replicasets', verbs: ['get', 'list', 'watch'], why: 'rollout status and undo' },
  { group: '', resource: 'configmaps', verbs: ['get', 'list', 'delete'], why: 'deploy.sh puts the previous ConfigMaps back on a failed deploy' },
  { group: 'batch', resource: 'jobs', verbs: ['get', 'list', 'watch', 'delete'], why: 'run-migrations.sh: delete, wait, logs' },
  { group: '', resource: 'pods', verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'], why: 'maintenance pods (psql, curl), port-forward' },
  { group: '', resource: 'pods/log', verbs: ['get'], why: 'kubectl logs of Jobs and maintenance pods' },
  { group: '', resource: 'pods/portforward', verbs: ['create'], why: 'probe_pod_health' },
  { group: 'external-secrets.io', resource: 'externalsecrets', verbs: ['get', 'list', 'watch'], why: 'kubectl wait externalsecret --all' },
];

// kubectl's own guess from a kind to its resource (meta.UnsafeGuessKindToResource).
function resourceOf(kind) {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return `${k}es`;
  if (k.endsWith('y')) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}
const groupOf = (apiVersion) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

const rbac = parseManifests(execFileSync('kubectl', ['kustomize', path.join(K8S_DIR, 'cluster-admin')], { encoding: 'utf8' }));
const role = rbac.find((d) => d.kind === 'Role' && d.metadata.name === 'kn-deployer');
const clusterRoles = rbac.filter((d) => d.kind === 'ClusterRole');

function bound(kind, roleName, bindingKind) {
  return rbac.some((b) => b.kind === bindingKind && b.roleRef.kind === kind && b.roleRef.name === roleName
    && (b.subjects ?? []).some((s) => s.kind === 'Group' && s.name === GROUP));
}

// The verbs of `rules` on group/resource (a resourceNames rule counts: it is what the check needs).
function granted(rules, group, resource) {
  const verbs = new Set();
  for (const r of rules ?? []) {
    const groupOk = (r.apiGroups ?? []).some((g) => g === '*' || g === group);
    const resourceOk = (r.resources ?? []).some((x) => x === '*' || x === resource);
    if (groupOk && resourceOk) (r.verbs ?? []).forEach((v) => verbs.add(v));
  }
  return verbs;
}
const missing = (have, want) => (have.has('*') ? [] : want.filter((v) => !have.has(v)));

describe('CI deploy role: RBAC covers the deploy', () => {
  test('the Role and the namespace reader are bound to the group the EKS access entry maps the deploy role to', () => {
    assert.ok(role, 'Role kn-deployer missing from k8s/cluster-admin');
    assert.equal(role.metadata.namespace, NAMESPACE);
    assert.ok(bound('Role', 'kn-deployer', 'RoleBinding'), `RoleBinding of kn-deployer to group ${GROUP} missing`);
    const eks = readFileSync(path.join(REPO_ROOT, 'terraform/modules/eks/main.tf'), 'utf8');
    assert.match(eks, new RegExp(`deployer_group\\s*=\\s*"${GROUP}"`), `terraform eks: local.deployer_group must be "${GROUP}"`);
    assert.match(eks, /access_entries\s*=\s*\{[\s\S]*?kubernetes_groups\s*=\s*\[local\.deployer_group\]/, 'terraform eks: the access entry must carry kubernetes_groups = [local.deployer_group]');
    const platform = readFileSync(path.join(REPO_ROOT, 'terraform/platform/main.tf'), 'utf8');
    assert.match(platform, /namespace_admin_role_arns\s*=\s*\{\s*github-deploy\s*=\s*module\.ecr\.deploy_role_arn\s*\}/, 'the GitHub deploy role must have the access entry');
  });

  for (const overlay of overlayNames()) {
    test(`overlay ${overlay}: every kind deploy.sh applies is granted by the Role`, () => {
      const docs = parseManifests(renderOverlay(overlay));
      const problems = [];
      const kinds = new Map();
      for (const d of docs) {
        if (d.kind === 'Namespace') continue; // created by a cluster admin; deploy.sh never applies it
        if (d.metadata.namespace && d.metadata.namespace !== NAMESPACE) problems.push(`${d.kind}/${d.metadata.name} in namespace ${d.metadata.namespace}`);
        kinds.set(`${groupOf(d.apiVersion)}/${d.kind}`, { group: groupOf(d.apiVersion), resource: resourceOf(d.kind), kind: d.kind });
      }
      for (const { group, resource, kind } of kinds.values()) {
        const lack = missing(granted(role.rules, group, resource), APPLY_VERBS);
        if (lack.length) problems.push(`${kind} (${resource}.${group || 'core'}): Role kn-deployer lacks ${lack.join(', ')}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('every kubectl call of the scripts the CI runs is granted', () => {
    const problems = [];
    for (const script of CI_SCRIPTS) {
      const text = readFileSync(path.join(REPO_ROOT, 'scripts', script), 'utf8');
      for (const line of text.split('\n')) {
        if (/^\s*#/.test(line)) continue;
        for (const m of line.matchAll(/(?:^|[\s;&|(`$])kubectl\s+(?:-n\s+\S+\s+)?([a-z][a-z-]*)/g)) {
          if (['jq', 'curl', 'aws', 'terraform', 'helm', 'and'].includes(m[1])) continue; // `require kubectl jq ...`
          if (!SUBCOMMANDS.has(m[1])) problems.push(`scripts/${script}: kubectl ${m[1]} is new: write down what it needs in NEEDS (k8s/policy-test/rbac.test.mjs)`);
          if (m[1] === 'create' && !/--dry-run=client/.test(line)) problems.push(`scripts/${script}: kubectl create other than --dry-run=client: write down what it needs`);
        }
      }
    }
    for (const n of NEEDS) {
      const rules = n.cluster
        ? clusterRoles.filter((c) => bound('ClusterRole', c.metadata.name, 'ClusterRoleBinding')).flatMap((c) => c.rules)
        : role.rules;
      const lack = missing(granted(rules, n.group, n.resource), n.verbs);
      if (lack.length) problems.push(`${n.resource}.${n.group || 'core'} (${n.why}): lacks ${lack.join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });
});
