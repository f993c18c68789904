// Every metric an alert or a Grafana panel names has an owner that exposes it (bin/check-ops runs this).
//
// Reads the PrometheusRules and dashboards under k8s/, pulls the metric names out of every expression, and
// compares them with k8s/base/monitoring/metric-owners.tsv: a name missing there fails, so does a line there that
// no alert or panel names any more, an owner nobody knows, and a service owner without the MetricsContractTest that
// scrapes its /q/metrics for its lines (test-support's ServiceMetricsContract). Together they prove that each name
// is exposed by a running service or a known exporter.
//
//   node bin/lib/check-metric-owners.mjs          (from the repository root)

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

export const OWNERS_FILE = "k8s/base/monitoring/metric-owners.tsv";

// Exporters of kube-prometheus-stack (scripts/install-cluster-addons.sh): nothing in this repository exposes
// their series, so nothing here can prove them; they are named so a misspelt service is not taken for one.
export const EXPORTERS = new Set(["cadvisor", "kubelet", "kube-state-metrics", "node-exporter", "prometheus"]);

const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"]);

/** The metric names a PromQL expression selects (Grafana variables allowed). */
export function metricNames(expr) {
  const names = new Set();
  let s = expr.replace(/#.*$/gm, "");
  // {__name__="x"} selects x; a regex there could select anything, which no list can own.
  for (const m of s.matchAll(/__name__\s*(=~|!=|!~|=)\s*"([^"]*)"/g)) {
    if (m[1] !== "=") throw new Error(`a __name__ ${m[1]} matcher names no metric of its own: ${expr.trim()}`);
    names.add(m[2]);
  }
  s = s
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""') // label values, label_replace arguments
    .replace(/\{[^}]*\}/g, " ") // label matchers
    .replace(/\[[^\]]*\]/g, " ") // ranges and subqueries, [$__rate_interval] included
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ") // label lists
    .replace(/\boffset\s+-?[0-9a-zA-Z_$]+/g, " ")
    .replace(/\$\{[^}]*\}|\$\w+/g, " "); // Grafana variables outside strings
  // An identifier not followed by "(" (a function or an aggregation) and not part of a number (1e3, 0x1f).
  for (const m of s.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:])(?!\s*\()/g)) {
    if (!KEYWORDS.has(m[1].toLowerCase())) names.add(m[1]);
  }
  return names;
}

/** The expression inside a Grafana template variable's query: label_values(metric, label), query_result(expr), ... */
export function variableExpression(query) {
  const call = query.trim().match(/^(\w+)\s*\(([\s\S]*)\)$/);
  if (!call) return query;
  const [, fn, inside] = call;
  if (fn === "query_result") return inside;
  if (fn === "label_values") {
    const comma = topLevelComma(inside);
    return comma < 0 ? "" : inside.slice(0, comma); // label_values(label) asks every series, naming none
  }
  if (fn === "label_names" || fn === "metrics") return "";
  return query;
}

function topLevelComma(text) {
  let depth = 0;
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) depth--;
    else if (c === "," && depth === 0) return i;
  }
  return -1;
}

/** Where each name is used ("file: alert X"), and the names recording rules define. */
export function usedMetrics(root, parseAllDocuments) {
  const uses = new Map();
  const recorded = new Set();
  const use = (expr, where) => {
    for (const name of metricNames(expr)) {
      if (!uses.has(name)) uses.set(name, []);
      uses.get(name).push(where);
    }
  };
  for (const file of filesUnder(join(root, "k8s"), /\.ya?ml$/)) {
    const text = readFileSync(file, "utf8");
    if (!/^kind:\s*PrometheusRule\s*$/m.test(text)) continue;
    for (const doc of parseAllDocuments(text)) {
      const rule = doc.toJS();
      if (rule?.kind !== "PrometheusRule") continue;
      for (const group of rule.spec?.groups ?? []) {
        for (const r of group.rules ?? []) {
          if (r.record) recorded.add(r.record);
          use(String(r.expr), `${relative(root, file)}: ${r.alert ? "alert " + r.alert : "recording rule " + r.record}`);
        }
      }
    }
  }
  for (const file of filesUnder(join(root, "k8s"), /\.json$/)) {
    const dashboard = JSON.parse(readFileSync(file, "utf8"));
    if (!Array.isArray(dashboard.panels)) continue;
    const name = relative(root, file);
    walkExpressions(dashboard, (expr, where) => use(expr, `${name}: ${where}`));
    for (const variable of dashboard.templating?.list ?? []) {
      if (variable.type !== "query") continue;
      const query = typeof variable.query === "string" ? variable.query : variable.query?.query ?? "";
      use(variableExpression(query), `${name}: variable ${variable.name}`);
    }
  }
  return { uses, recorded };
}

function walkExpressions(node, visit, where = "dashboard") {
  if (Array.isArray(node)) {
    node.forEach((item) => walkExpressions(item, visit, where));
  } else if (node && typeof node === "object") {
    const here = node.title ? `panel "${node.title}"` : where;
    if (typeof node.expr === "string" && node.expr.trim()) visit(node.expr, here);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "templating") walkExpressions(value, visit, here);
    }
  }
}

function filesUnder(dir, pattern) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") found.push(...filesUnder(path, pattern));
    } else if (pattern.test(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}

/** metric → owners, from the tsv; throws on a malformed line. */
export function readOwners(text) {
  const owners = new Map();
  text.split("\n").forEach((line, i) => {
    if (!line.trim() || line.startsWith("#")) return;
    const columns = line.split("\t");
    if (columns.length !== 2 || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(columns[0])) {
      throw new Error(`${OWNERS_FILE}:${i + 1}: expected "metric<TAB>owner,owner", got: ${line}`);
    }
    if (owners.has(columns[0])) throw new Error(`${OWNERS_FILE}:${i + 1}: ${columns[0]} is listed twice`);
    owners.set(columns[0], columns[1].split(",").map((o) => o.trim()).filter(Boolean));
  });
  return owners;
}

/** The problems, one sentence each; empty when every name has an owner that proves it. */
export function problems(root, parseAllDocuments) {
  const { uses, recorded } = usedMetrics(root, parseAllDocuments);
  const owners = readOwners(readFileSync(join(root, OWNERS_FILE), "utf8"));
  const found = [];
  for (const [name, where] of [...uses].sort()) {
    if (!recorded.has(name) && !owners.has(name)) {
      found.push(`${name} has no owner in ${OWNERS_FILE} (named by ${where.join("; ")})`);
    }
  }
  for (const [name, list] of owners) {
    if (!uses.has(name)) found.push(`${OWNERS_FILE} lists ${name}, which no alert or panel names: remove the line`);
    if (recorded.has(name)) found.push(`${OWNERS_FILE} lists ${name}, which a recording rule defines`);
    if (list.length === 0) found.push(`${OWNERS_FILE} gives ${name} no owner`);
    for (const owner of list) {
      if (EXPORTERS.has(owner)) continue;
      if (!existsSync(join(root, owner, "pom.xml"))) {
        found.push(`${name}: owner ${owner} is neither a module of this repository nor one of ${[...EXPORTERS].join(", ")}`);
      } else if (!hasMetricsContract(join(root, owner))) {
        found.push(`${name}: ${owner} has no test extending ServiceMetricsContract, so nothing proves it exposes what it owns`);
      }
    }
  }
  return found;
}

const contractCache = new Map();
function hasMetricsContract(module) {
  if (!contractCache.has(module)) {
    const tests = join(module, "src", "test", "java");
    contractCache.set(module, existsSync(tests)
      && filesUnder(tests, /\.java$/).some((f) => /extends\s+ServiceMetricsContract\b/.test(readFileSync(f, "utf8"))));
  }
  return contractCache.get(module);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = process.cwd();
  const { parseAllDocuments } = createRequire(join(root, "k8s/policy-test/"))("yaml");
  const { uses } = usedMetrics(root, parseAllDocuments);
  const found = problems(root, parseAllDocuments);
  found.forEach((p) => console.log(p));
  if (found.length > 0) process.exit(1);
  console.log(`${uses.size} metrics named by alerts and panels, each with an owner in ${OWNERS_FILE}`);
}
