// Offline checks of terraform that fmt and the variable checks cannot see (no provider downloads):
// node groups of one instance size each, and application logs that reach CloudWatch.
// Run: node --test test/ops/terraform.test.mjs (bin/check-ops does).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f) => readFileSync(path.join(ROOT, f), 'utf8');

// vCPU and GiB of the instance types a node group may use. The cluster autoscaler builds a node
// template from a group's first type; a group that mixes sizes (t3.large with t3.xlarge) is sized
// wrong, and pods are left pending or nodes added for nothing. A type not listed fails until added.
const SIZES = {
  't3.large': [2, 8], 't3a.large': [2, 8], 'm5.large': [2, 8], 'm5a.large': [2, 8], 'm6i.large': [2, 8], 'm6a.large': [2, 8], 'm7i.large': [2, 8],
  't3.xlarge': [4, 16], 't3a.xlarge': [4, 16], 'm5.xlarge': [4, 16], 'm5a.xlarge': [4, 16], 'm6i.xlarge': [4, 16], 'm6a.xlarge': [4, 16], 'm7i.xlarge': [4, 16],
  't3.2xlarge': [8, 32], 't3a.2xlarge': [8, 32], 'm5.2xlarge': [8, 32], 'm6i.2xlarge': [8, 32],
};

const list = (text) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);

// The default of a variable block, as a list of strings.
function variableDefault(file, name) {
  const m = new RegExp(`variable "${name}" \\{[\\s\\S]*?\\n\\s*default\\s*=\\s*\\[([^\\]]*)\\]`).exec(read(file));
  return m ? list(m[1]) : null;
}

function oneSize(where, types) {
  assert.ok(types?.length, `${where}: no instance types`);
  for (const t of types) assert.ok(SIZES[t], `${where}: ${t} has no size in test/ops/terraform.test.mjs`);
  const sizes = new Set(types.map((t) => SIZES[t].join(' vCPU, ') + ' GiB'));
  assert.equal(sizes.size, 1, `${where}: ${types.join(', ')} mix sizes (${[...sizes].join(' / ')})`);
}

test('each node group uses instance types of one size', () => {
  oneSize('terraform/modules/eks on_demand_instance_types default', variableDefault('terraform/modules/eks/variables.tf', 'on_demand_instance_types'));
  oneSize('terraform/modules/eks spot_instance_types default', variableDefault('terraform/modules/eks/variables.tf', 'spot_instance_types'));
  for (const env of readdirSync(path.join(ROOT, 'terraform/environments'))) {
    const m = /^on_demand_instance_types\s*=\s*\[([^\]]*)\]/m.exec(read(`terraform/environments/${env}/terraform.tfvars`));
    if (m) oneSize(`terraform/environments/${env} on_demand_instance_types`, list(m[1]));
  }
  const eks = read('terraform/modules/eks/main.tf');
  assert.match(eks, /instance_types\s*=\s*var\.on_demand_instance_types/);
  assert.match(eks, /instance_types\s*=\s*var\.spot_instance_types/);
});

test('application logs reach CloudWatch: the observability add-on with its IRSA role and log groups with retention and KMS', () => {
  const eks = read('terraform/modules/eks/main.tf');
  const addon = /amazon-cloudwatch-observability\s*=\s*\{([\s\S]*?)\n    \}/.exec(eks)?.[1];
  assert.ok(addon, 'cluster_addons lacks amazon-cloudwatch-observability (Fluent Bit for container logs)');
  assert.match(addon, /service_account_role_arn\s*=\s*module\.irsa\["cloudwatch-agent"\]\.iam_role_arn/, 'the add-on must run with its IRSA role');
  assert.match(addon, /containerLogs\s*=\s*\{\s*enabled\s*=\s*true\s*\}/, 'container logs must be enabled');
  const role = /"cloudwatch-agent"\s*=\s*\{([\s\S]*?)\n    \}/.exec(eks)?.[1];
  assert.ok(role, 'no IRSA role cloudwatch-agent');
  assert.match(role, /"amazon-cloudwatch:cloudwatch-agent"/, 'the role must trust the add-on\'s service account');
  assert.match(role, /arn:aws:iam::aws:policy\/CloudWatchAgentServerPolicy/);
  const groups = /resource "aws_cloudwatch_log_group" "containers" \{([\s\S]*?)\n\}/.exec(eks)?.[1];
  assert.ok(groups, 'the add-on\'s log groups are not created with a retention');
  assert.match(groups, /"application"/);
  assert.match(groups, /name\s*=\s*"\/aws\/containerinsights\/\$\{var\.cluster_name\}\/\$\{each\.key\}"/);
  assert.match(groups, /retention_in_days\s*=\s*var\.log_retention_days/);
  assert.match(groups, /kms_key_id\s*=\s*var\.logs_kms_key_arn/);
});
