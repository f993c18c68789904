package app.knowledgenetwork.syncservice.jobs;

/** Who started a job. */
public enum JobTrigger { MANUAL, SCHEDULE, TAKEOUT }
