package app.knowledgenetwork.syncservice.jobs;

import java.util.Map;

/**
 * The caller's sync at a glance (every connection's for an ADMIN).
 *
 * @param jobsByState      jobs of the last 24 hours by state
 * @param notesLast24Hours notes written to Notion (created, updated, archived) in the last 24 hours
 * @param queueDepth       tasks waiting or being worked on, of every user
 */
public record Stats(long connections, Map<String, Long> jobsByState, long notesLast24Hours, long pagesMapped, long queueDepth) {
}
