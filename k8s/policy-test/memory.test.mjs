// A memory target on an HPA only means something if the pods' memory follows their load. For the JVM
// services that needs three things, checked here for every HPA with a memory target (docs/DEPLOYMENT.md,
// "Sizes"):
//   1. an idle pod starts below the target: initial heap + the JVM's native memory < target % of the
//      request (with -XX:InitialRAMPercentage=50 of a 2 GiB limit every pod began at 200 % of a 512 MiB
//      request, and the HPA sat at its maximum from the first second);
//   2. a full heap still fits the limit with the native memory beside it (no OOM kill before the JVM's
//      own OutOfMemoryError);
//   3. the heap shrinks again when the load is gone: G1 (the JVM picks Serial below 2 CPUs, which keeps
//      what it took), a periodic collection when idle and a bounded free ratio.
// Run: node --test k8s/policy-test/memory.test.mjs (bin/check-ops does).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { find, id, memory, ofKind, overlayNames, parseManifests, renderOverlay } from './lib/manifests.mjs';

const MiB = 2 ** 20;
// The JVM's memory beside the heap (metaspace, code cache, threads, GC structures, direct buffers).
// Measured: knowledge-api, the largest service, idle after start with a 1.5 GiB maximum heap, native
// memory tracking: 170 MiB committed besides the heap. Idle budget with headroom, and a larger one for
// a pod under load (more threads, a fuller code cache).
const NATIVE_IDLE = 192 * MiB;
const NATIVE_LOADED = 256 * MiB;
// Most free heap (in %) G1 may keep after a cycle; above it, memory stays up long after the load.
const MAX_FREE_RATIO = 40;

// The JVM options a container starts with: JAVA_OPTS from its env or its ConfigMaps (run-java.sh uses
// JAVA_OPTS instead of the image's options when it is set).
function javaOpts(docs, container) {
  return setting(docs, container, 'JAVA_OPTS');
}

function setting(docs, container, name) {
  const literal = (container.env ?? []).find((e) => e.name === name && 'value' in e);
  if (literal) return literal.value;
  for (const from of [...(container.envFrom ?? [])].reverse()) {
    const data = from.configMapRef && find(docs, 'ConfigMap', from.configMapRef.name)?.data;
    if (data?.[name] !== undefined) return data[name];
  }
  return undefined;
}

// The web app is a node server (web/, Next.js standalone). V8 grows its old space up to
// --max-old-space-size and gives memory back after its collections on its own; beside the heap a
// node process holds its code, buffers and the young generation. NODE_IDLE is the resident memory
// of the standalone server idle after start, with headroom (measured: web/'s standalone server, node
// 20, at 110 MiB resident after serving its pages); NODE_NATIVE the memory beside a full heap.
const NODE_IDLE = 128 * MiB;
const NODE_NATIVE = 160 * MiB;

function nodeProblems(where, opts, request, limit, target) {
  const problems = [];
  const mib = (b) => `${Math.round(b / MiB)} MiB`;
  const old = flag(opts, /--max-old-space-size=(\d+)/g);
  if (!old) return [`${where}: NODE_OPTIONS lacks --max-old-space-size: V8 sizes its heap from the node's memory, not the pod's limit`];
  const max = Number(old[1]) * MiB;
  const atTarget = (request * target.averageUtilization) / 100;
  if (NODE_IDLE > atTarget) problems.push(`${where}: an idle node server (${mib(NODE_IDLE)}) is above ${target.averageUtilization} % of the ${mib(request)} request: the HPA scales out an idle app`);
  if (max + NODE_NATIVE > limit) problems.push(`${where}: heap ${mib(max)} + ${mib(NODE_NATIVE)} beside it does not fit the ${mib(limit)} limit: the kernel kills the pod before V8 collects`);
  return problems;
}

const SIZE = { '': 1, k: 2 ** 10, m: MiB, g: 2 ** 30 };
function flag(opts, re) {
  const all = [...opts.matchAll(re)];
  return all.length ? all[all.length - 1] : undefined; // the JVM takes the last occurrence
}

// Heap sizes as HotSpot derives them: -Xms/-Xmx win over the RAM percentages of the container limit.
function heap(opts, limit) {
  const size = (m) => Number(m[1]) * SIZE[(m[2] ?? '').toLowerCase()];
  const xms = flag(opts, /(?:^|\s)-Xms(\d+)([kmgKMG]?)(?=\s|$)/g);
  const xmx = flag(opts, /(?:^|\s)-Xmx(\d+)([kmgKMG]?)(?=\s|$)/g);
  const pct = (name, dflt) => Number(flag(opts, new RegExp(`-XX:${name}=([0-9.]+)`, 'g'))?.[1] ?? dflt);
  return {
    initial: xms ? size(xms) : (limit * pct('InitialRAMPercentage', 1.5625)) / 100,
    max: xmx ? size(xmx) : (limit * pct('MaxRAMPercentage', 25)) / 100,
  };
}

for (const overlay of overlayNames()) {
  describe(`overlay ${overlay}: memory autoscaling`, () => {
    const docs = parseManifests(renderOverlay(overlay));
    const hpas = ofKind(docs, 'HorizontalPodAutoscaler').filter((h) => (h.spec.metrics ?? []).some((m) => m.resource?.name === 'memory'));

    test('HPAs with a memory target exist to check', () => {
      assert.ok(hpas.length > 0);
    });

    for (const h of hpas) {
      test(`${id(h)}: an idle pod starts below the memory target, a full heap fits the limit, the heap shrinks again`, () => {
        const d = find(docs, h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name);
        assert.ok(d, `${id(h)}: target missing`);
        const target = h.spec.metrics.find((m) => m.resource?.name === 'memory').resource.target;
        assert.equal(target.type, 'Utilization', `${id(h)}: memory target type`);
        const problems = [];
        for (const c of d.spec.template.spec.containers) {
          const where = `${id(d)} container ${c.name}`;
          const nodeOpts = setting(docs, c, 'NODE_OPTIONS');
          if (nodeOpts !== undefined && javaOpts(docs, c) === undefined) {
            problems.push(...nodeProblems(where, nodeOpts, memory(c.resources?.requests?.memory), memory(c.resources?.limits?.memory), target));
            continue;
          }
          const opts = javaOpts(docs, c);
          if (opts === undefined) {
            problems.push(`${where}: no JAVA_OPTS (a JVM) or NODE_OPTIONS (node); the image's defaults are not sized for this HPA`);
            continue;
          }
          const request = memory(c.resources?.requests?.memory);
          const limit = memory(c.resources?.limits?.memory);
          const { initial, max } = heap(opts, limit);
          const atTarget = (request * target.averageUtilization) / 100;
          const mib = (b) => `${Math.round(b / MiB)} MiB`;
          if (initial + NATIVE_IDLE > atTarget) {
            problems.push(`${where}: initial heap ${mib(initial)} + native ${mib(NATIVE_IDLE)} = ${mib(initial + NATIVE_IDLE)} is above ${target.averageUtilization} % of the ${mib(request)} request (${mib(atTarget)}): the HPA scales out an idle service`);
          }
          if (max + NATIVE_LOADED > limit) {
            problems.push(`${where}: maximum heap ${mib(max)} + native ${mib(NATIVE_LOADED)} does not fit the ${mib(limit)} limit: the kernel kills the pod before the JVM frees memory`);
          }
          if (!/(?:^|\s)-XX:\+UseG1GC(?=\s|$)/.test(opts)) problems.push(`${where}: -XX:+UseG1GC missing (below 2 CPUs the JVM picks Serial, which keeps the heap it grew)`);
          const periodic = Number(flag(opts, /-XX:G1PeriodicGCInterval=(\d+)/g)?.[1] ?? 0);
          if (!(periodic > 0 && periodic <= 300000)) problems.push(`${where}: -XX:G1PeriodicGCInterval (ms, 1..300000) missing: an idle pod never returns its heap`);
          const freeRatio = Number(flag(opts, /-XX:MaxHeapFreeRatio=(\d+)/g)?.[1] ?? 70);
          if (freeRatio > MAX_FREE_RATIO) problems.push(`${where}: MaxHeapFreeRatio ${freeRatio} keeps up to ${freeRatio} % of the heap free after a collection (at most ${MAX_FREE_RATIO})`);
        }
        assert.deepEqual(problems, []);
      });
    }
  });
}
