package app.knowledgenetwork.apigateway.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import app.knowledgenetwork.apigateway.StandInServices;
import app.knowledgenetwork.apigateway.SyncServiceStandIn;
import app.knowledgenetwork.testsupport.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The dashboard's charts and a job's live progress, as an admin sees them. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(StandInServices.class)
class ConsoleActivityTest {

    @Test
    void theDashboardDrawsJobsPerHourAndNotesPerDayAsSvgWithoutScript() {
        ConsoleTest.Browser admin = new ConsoleTest.Browser();
        admin.signIn("admin@example.test");
        admin.get("/admin/").then().statusCode(200)
                .body(containsString("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""))
                .body(containsString("Jobs per hour, last 24 hours (UTC): 1 in all"))
                // job-1 created 3, updated 2 and archived 1 page in Notion.
                .body(containsString("Notes synced per day, last 14 days (UTC): 6 in all"))
                .body(not(containsString("<script")));
    }

    @Test
    void aJobsPageReloadsItselfWhileAJobRunsAndStopsOnceNoneDoes() {
        ConsoleTest.Browser admin = new ConsoleTest.Browser();
        admin.signIn("admin@example.test");
        String jobs = "/admin/connections/" + SyncServiceStandIn.CONNECTION + "/jobs";
        SyncServiceStandIn.JOB_RUNNING.set(true);
        try {
            admin.get(jobs).then().statusCode(200)
                    .body(containsString("<meta http-equiv=\"refresh\" content=\"3\">"))
                    .body(containsString("5/12"))
                    .body(containsString("this page updates every 3 seconds"));
        } finally {
            SyncServiceStandIn.JOB_RUNNING.set(false);
        }
        admin.get(jobs).then().statusCode(200).body(not(containsString("http-equiv=\"refresh\"")));
    }
}
