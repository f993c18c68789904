// The GraphQL-over-HTTP audit suite of graphql-http, run against a live knowledge-api at
// GRAPHQL_URL. Each audit is one test: a failing MUST or SHOULD audit fails the run (every SHOULD
// passes, so a new warning is a regression); a failing MAY audit is reported as skipped with its reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAudits } from "graphql-http";

const url = process.env.GRAPHQL_URL;
if (!url) {
  throw new Error("GRAPHQL_URL is not set: run test/suites/graphql-http-audit.sh");
}

for (const audit of serverAudits({ url })) {
  test(audit.name, async (t) => {
    const result = await audit.fn();
    if (result.status === "ok") return;
    const reason = `${result.reason}${result.response ? ` (HTTP ${result.response.status})` : ""}`;
    if (audit.name.startsWith("MUST") || audit.name.startsWith("SHOULD")) {
      assert.fail(reason);
    } else {
      t.skip(reason);
    }
  });
}
