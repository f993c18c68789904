package app.knowledgenetwork.syncservice.jobs;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How to run a job")
public record TriggerRequest(@Schema(description = "INCREMENTAL (default): notes changed since the last run; FULL: every note, pages repaired") JobMode mode) {
}
