// Loading and small helpers shared by the policy tests. Nothing here asserts anything.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const POLICY_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const K8S_DIR = path.dirname(POLICY_DIR);
export const REPO_ROOT = path.dirname(K8S_DIR);

export function overlayNames() {
  const dir = path.join(K8S_DIR, 'overlays');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'kustomization.yaml')))
    .map((e) => e.name)
    .sort();
}

// bin/check-ops renders each overlay once into POLICY_RENDERED_DIR/<overlay>.yaml; run on its
// own, the test renders them itself.
export function renderOverlay(name) {
  const pre = process.env.POLICY_RENDERED_DIR;
  if (pre && existsSync(path.join(pre, `${name}.yaml`))) {
    return readFileSync(path.join(pre, `${name}.yaml`), 'utf8');
  }
  return execFileSync('kubectl', ['kustomize', path.join(K8S_DIR, 'overlays', name)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function parseManifests(text) {
  const docs = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`YAML error: ${doc.errors[0].message}`);
    const obj = doc.toJS();
    if (obj) docs.push(obj);
  }
  return docs;
}

export const id = (o) => `${o.kind}/${o.metadata?.name}`;
export const ofKind = (docs, kind) => docs.filter((d) => d.kind === kind);
export const find = (docs, kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name);

// Kubernetes quantities, only the forms used in manifests.
export function cpu(q) {
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
}
const MEM = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
export function memory(q) {
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m || (m[2] && !(m[2] in MEM))) return NaN;
  return Number(m[1]) * (m[2] ? MEM[m[2]] : 1);
}

// Every workload with a pod template, with the containers of that template.
export function podTemplates(docs) {
  return docs
    .filter((d) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(d.kind))
    .map((d) => ({ owner: d, spec: d.spec.template.spec, labels: d.spec.template.metadata?.labels ?? {} }));
}

export function allContainers(pod) {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
}

// Where the keys of each Secret and ConfigMap come from: objects in the render, or the
// target of an ExternalSecret (its data[].secretKey and template keys).
export function keyIndex(docs) {
  const secrets = new Map();
  const configMaps = new Map();
  for (const d of docs) {
    if (d.kind === 'Secret') {
      secrets.set(d.metadata.name, new Set([...Object.keys(d.data ?? {}), ...Object.keys(d.stringData ?? {})]));
    } else if (d.kind === 'ConfigMap') {
      configMaps.set(d.metadata.name, new Set([...Object.keys(d.data ?? {}), ...Object.keys(d.binaryData ?? {})]));
    } else if (d.kind === 'ExternalSecret') {
      const target = d.spec?.target?.name ?? d.metadata.name;
      const keys = new Set((d.spec?.data ?? []).map((e) => e.secretKey));
      for (const k of Object.keys(d.spec?.target?.template?.data ?? {})) keys.add(k);
      // dataFrom copies keys we cannot know offline; such a target accepts any key.
      if (d.spec?.dataFrom?.length) keys.add('*');
      secrets.set(target, keys);
    }
  }
  return { secrets, configMaps };
}

// Every Secret/ConfigMap reference of a pod spec: { kind, name, key|null, optional, where }.
export function references(pod) {
  const refs = [];
  for (const c of allContainers(pod)) {
    for (const e of c.envFrom ?? []) {
      if (e.secretRef) refs.push({ kind: 'Secret', name: e.secretRef.name, key: null, optional: !!e.secretRef.optional, where: `${c.name} envFrom` });
      if (e.configMapRef) refs.push({ kind: 'ConfigMap', name: e.configMapRef.name, key: null, optional: !!e.configMapRef.optional, where: `${c.name} envFrom` });
    }
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef;
      const m = e.valueFrom?.configMapKeyRef;
      if (s) refs.push({ kind: 'Secret', name: s.name, key: s.key, optional: !!s.optional, where: `${c.name} env ${e.name}` });
      if (m) refs.push({ kind: 'ConfigMap', name: m.name, key: m.key, optional: !!m.optional, where: `${c.name} env ${e.name}` });
    }
  }
  for (const v of pod.volumes ?? []) {
    if (v.secret) {
      const keys = (v.secret.items ?? []).map((i) => i.key);
      for (const key of keys.length ? keys : [null]) refs.push({ kind: 'Secret', name: v.secret.secretName, key, optional: !!v.secret.optional, where: `volume ${v.name}` });
    }
    if (v.configMap) {
      const keys = (v.configMap.items ?? []).map((i) => i.key);
      for (const key of keys.length ? keys : [null]) refs.push({ kind: 'ConfigMap', name: v.configMap.name, key, optional: !!v.configMap.optional, where: `volume ${v.name}` });
    }
  }
  return refs;
}

// Resolves a probe/service port (number or container port name) to a number.
export function resolvePort(container, port) {
  if (typeof port === 'number') return port;
  const p = (container.ports ?? []).find((x) => x.name === port);
  return p ? p.containerPort : undefined;
}

export function isCidr(s) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(String(s));
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

export function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}
