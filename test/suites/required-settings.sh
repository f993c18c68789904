#!/usr/bin/env bash
# Every service, started as in production with none of its required settings, must stop at once with
# a message naming one of them — not start half-configured, not fail later on a vaguer error.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for props in "$root"/*/src/main/resources/application.properties; do
  module=$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$props")")")")")
  required=$(grep -oE '^%prod\.kn\.required\.[A-Z0-9_]+' "$props" | sed 's/.*\.//')
  [ -n "$required" ] || continue
  jar="$root/$module/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "FAIL $module: $jar is not built"; status=1; continue; }
  output=$(cd "$root/$module" && timeout 60 env -i PATH=/usr/bin:/bin "$JAVA_HOME/bin/java" -jar "$jar" 2>&1)
  code=$?
  named=$(grep -oE 'Could not expand value [A-Z0-9_]+' <<<"$output" | head -1 | awk '{print $NF}')
  if [ $code -ne 0 ] && [ $code -ne 124 ] && [ -n "$named" ] && grep -qx "$named" <<<"$required"; then
    echo "PASS $module: exits $code naming $named"
  else
    echo "FAIL $module: exit $code, named '${named:-nothing}' (required: $(echo $required))"
    status=1
  fi
done
exit $status
