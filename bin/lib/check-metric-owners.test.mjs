// The PromQL name extraction of check-metric-owners.mjs (node --test bin/lib/check-metric-owners.test.mjs).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { metricNames, problems, variableExpression } from "./check-metric-owners.mjs";

const names = (expr) => [...metricNames(expr)].sort();

test("a histogram quantile names the bucket series, not its labels or functions", () => {
  assert.deepEqual(names(`histogram_quantile(0.95, sum by (service, le) (
      rate(http_server_requests_seconds_bucket{namespace="kn", uri!~"/q/.*|/collab.*"}[5m])))`), ["http_server_requests_seconds_bucket"]);
});

test("both sides of a ratio, a filter with 'and', and a comparison with bool", () => {
  assert.deepEqual(names(`(sum by (service) (rate(a_total{status=~"5.."}[5m])) / sum by (service) (rate(b_total[5m]))) > 0.05
      and sum by (service) (rate(c_total[5m])) > bool 0.2`), ["a_total", "b_total", "c_total"]);
});

test("vector matching lists labels, not metrics", () => {
  assert.deepEqual(names(`x_bytes * on (pod) group_left (node, zone) kube_pod_info`), ["kube_pod_info", "x_bytes"]);
  assert.deepEqual(names(`sum(x) without (instance) / ignoring(le) y`), ["x", "y"]);
});

test("strings, offsets, subqueries, numbers and Grafana variables name nothing", () => {
  assert.deepEqual(names(`label_replace(up, "dst", "fake_metric_total", "src", "(.*)")`), ["up"]);
  assert.deepEqual(names(`rate(a_total[5m] offset 1h) + max_over_time(b[1h:5m]) + 1e3 + 0x1f + Inf`), ["a_total", "b"]);
  assert.deepEqual(names(`sum(rate(c_total{service=~"$service"}[$__rate_interval])) * $factor`), ["c_total"]);
});

test("a recording rule's name and a __name__ matcher are metrics", () => {
  assert.deepEqual(names(`job:requests:rate5m > 10`), ["job:requests:rate5m"]);
  assert.deepEqual(names(`{__name__="kn_outbox_pending", namespace="kn"}`), ["kn_outbox_pending"]);
  assert.throws(() => metricNames(`{__name__=~"kn_.*"}`), /names no metric/);
});

test("template variables: label_values names its metric only", () => {
  assert.deepEqual(names(variableExpression(`label_values(up{namespace="kn"}, service)`)), ["up"]);
  assert.deepEqual(names(variableExpression(`label_values(service)`)), []);
  assert.deepEqual(names(variableExpression(`query_result(topk(5, kn_sync_jobs_total))`)), ["kn_sync_jobs_total"]);
});

test("a name without owner, a stale line and an unproven service owner are each reported", () => {
  const root = mkdtempSync(join(tmpdir(), "metric-owners-"));
  mkdirSync(join(root, "k8s/base/monitoring/dashboards"), { recursive: true });
  writeFileSync(join(root, "k8s/base/monitoring/rules.yaml"), `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
    - name: g
      rules:
        - record: svc:req:rate5m
          expr: sum by (service) (rate(http_server_requests_seconds_count[5m]))
        - alert: A
          expr: svc:req:rate5m > 1 and unowned_total > 0
`);
  writeFileSync(join(root, "k8s/base/monitoring/dashboards/d.json"), JSON.stringify({
    panels: [{ title: "row", panels: [{ title: "p", targets: [{ expr: "sum(kn_proven)" }, { expr: "sum(kn_unproven)" }] }] }],
  }));
  mkdirSync(join(root, "svc/src/test/java/x"), { recursive: true });
  writeFileSync(join(root, "svc/pom.xml"), "<project/>");
  writeFileSync(join(root, "svc/src/test/java/x/MetricsContractTest.java"), "class MetricsContractTest extends ServiceMetricsContract {}");
  mkdirSync(join(root, "bare"), { recursive: true });
  writeFileSync(join(root, "bare/pom.xml"), "<project/>");
  writeFileSync(join(root, "k8s/base/monitoring/metric-owners.tsv"), [
    "# metric\towners",
    "http_server_requests_seconds_count\tsvc",
    "kn_proven\tsvc",
    "kn_unproven\tbare",
    "kn_gone\tsvc",
  ].join("\n"));
  const { parseAllDocuments } = createRequire(join(process.cwd(), "k8s/policy-test/"))("yaml");
  const found = problems(root, parseAllDocuments);
  assert.equal(found.length, 3, found.join("\n"));
  assert.match(found.join("\n"), /unowned_total has no owner .*alert A/);
  assert.match(found.join("\n"), /lists kn_gone, which no alert or panel names/);
  assert.match(found.join("\n"), /kn_unproven: bare has no test extending ServiceMetricsContract/);
});
