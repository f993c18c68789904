package app.knowledgenetwork.collabwebsocket.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the same random operations through {@link TextOperation} and through npm {@code ot-text-unicode} (in
 * Node.js, src/test/node/crosscheck.js) and compares apply, transform on both sides, compose and
 * transformPosition component by component. The seed is printed; rerun one with {@code -Dot.crosscheck.seed=N}.
 */
class OtTextUnicodeCrossCheckTest {

  private static final int CASES = 4000;
  private static final Path NODE_DIR = Path.of("src/test/node");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Object>> OPERATION = new TypeReference<>() {};

  @Test
  void javaAgreesWithTheNpmLibraryOnRandomOperations() throws Exception {
    long seed = Long.getLong("ot.crosscheck.seed", System.nanoTime());
    System.out.println("ot-text-unicode cross-check seed: " + seed + " (rerun with -Dot.crosscheck.seed=" + seed + ")");
    RandomEdits edits = new RandomEdits(new SplittableRandom(seed));

    List<Map<String, Object>> cases = new ArrayList<>(CASES);
    for (int i = 0; i < CASES; i++) {
      String doc = edits.text(12);
      List<Object> a = edits.operationJson(doc);
      List<Object> b = edits.operationJson(doc);
      List<Object> c = edits.operationJson(TextOperation.fromJson(a).apply(doc));
      Map<String, Object> testCase = new LinkedHashMap<>();
      testCase.put("doc", doc);
      testCase.put("a", a);
      testCase.put("b", b);
      testCase.put("c", c);
      testCase.put("cursor", edits.cursor(doc));
      cases.add(testCase);
    }

    List<JsonNode> results = runInNode(cases);
    assertEquals(CASES, results.size(), "node answered a different number of cases");

    for (int i = 0; i < CASES; i++) {
      Map<String, Object> testCase = cases.get(i);
      JsonNode expected = results.get(i);
      String doc = (String) testCase.get("doc");
      TextOperation a = TextOperation.fromJson((List<?>) testCase.get("a"));
      TextOperation b = TextOperation.fromJson((List<?>) testCase.get("b"));
      TextOperation c = TextOperation.fromJson((List<?>) testCase.get("c"));
      String where = "case " + i + " (seed " + seed + "): " + JSON.writeValueAsString(testCase);

      assertEquals(ok(expected, "applyA", where).asText(), a.apply(doc), "apply a, " + where);
      assertEquals(ok(expected, "applyB", where).asText(), b.apply(doc), "apply b, " + where);
      assertEquals(ok(expected, "transformLeft", where), JSON.valueToTree(TextOperation.transform(a, b, Side.LEFT).toJson()),
          "transform(a, b, left), " + where);
      assertEquals(ok(expected, "transformRight", where), JSON.valueToTree(TextOperation.transform(a, b, Side.RIGHT).toJson()),
          "transform(a, b, right), " + where);
      assertEquals(ok(expected, "compose", where), JSON.valueToTree(TextOperation.compose(a, c).toJson()), "compose(a, c), " + where);
      assertEquals(ok(expected, "position", where).asInt(), TextOperation.transformPosition((Integer) testCase.get("cursor"), a),
          "transformPosition(cursor, a), " + where);
    }
  }

  @Test
  void readsWhatTheNpmLibraryWrites() throws Exception {
    // The library's own JSON (its ops after transform/compose) parses back to the same components.
    List<Object> fromNode = JSON.readValue("[3,\"\uD83D\uDE00x\",{\"d\":2},1,{\"d\":\"ab\"}]", OPERATION);
    assertEquals(List.of(3, "\uD83D\uDE00x", Map.of("d", 2), 1, Map.of("d", 2)), TextOperation.fromJson(fromNode).toJson());
  }

  private static JsonNode ok(JsonNode result, String field, String where) {
    JsonNode answer = result.get(field);
    if (answer == null || answer.has("error")) {
      fail("ot-text-unicode refused " + field + ": " + (answer == null ? "no answer" : answer.get("error").asText()) + ", " + where);
    }
    return answer.get("ok");
  }

  private static List<JsonNode> runInNode(List<Map<String, Object>> cases) throws Exception {
    ensureNodeModules();
    Process node = new ProcessBuilder("node", "crosscheck.js")
        .directory(NODE_DIR.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (Writer stdin = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
      for (Map<String, Object> testCase : cases) {
        stdin.write(JSON.writeValueAsString(testCase));
        stdin.write('\n');
      }
    }
    List<JsonNode> results = new ArrayList<>(cases.size());
    try (BufferedReader stdout = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = stdout.readLine()) != null) {
        if (!line.isBlank()) {
          results.add(JSON.readTree(line));
        }
      }
    }
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("node crosscheck.js did not finish within 60 s");
    }
    assertEquals(0, node.exitValue(), "node crosscheck.js failed (its error is above)");
    return results;
  }

  /** The library is pinned in src/test/node/package-lock.json; installed once with npm ci. */
  private static void ensureNodeModules() throws IOException, InterruptedException {
    requireCommand("node", "the cross-check with npm ot-text-unicode needs Node.js on PATH");
    if (Files.isDirectory(NODE_DIR.resolve("node_modules/ot-text-unicode"))) {
      return;
    }
    requireCommand("npm", "the cross-check needs npm to install ot-text-unicode into " + NODE_DIR.toAbsolutePath());
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(NODE_DIR.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!npm.waitFor(180, TimeUnit.SECONDS)) {
      npm.destroyForcibly();
      fail("npm ci in " + NODE_DIR.toAbsolutePath() + " did not finish within 180 s");
    }
    assertEquals(0, npm.exitValue(), "npm ci in " + NODE_DIR.toAbsolutePath() + " failed (its output is above)");
  }

  private static void requireCommand(String command, String why) throws InterruptedException {
    try {
      Process probe = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        fail(command + " --version failed: " + why);
      }
    } catch (IOException notFound) {
      fail(command + " was not found: " + why);
    }
  }
}
